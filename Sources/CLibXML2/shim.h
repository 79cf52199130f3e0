#ifndef SIGSCOPE_CLIBXML2_SHIM_H
#define SIGSCOPE_CLIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

/* xmlFree is a global function pointer in libxml2; Swift cannot always call it directly. */
static inline void sigscope_xmlFree(void *p) { xmlFree(p); }

#endif
