#ifndef SIGSCOPE_CLIBXML2_SHIM_H
#define SIGSCOPE_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, and its encoding.h then includes the system ICU headers.
   Their declarations clash with the ICU copy Foundation bundles ("'UErrorCode' has different
   definitions in different modules") in every Swift file that sees both modules, which on a
   clean build broke the test targets. sigscope never uses libxml2's ICU converters: they only
   add the trailing uconv_in/uconv_out fields of xmlCharEncodingHandler, a struct sigscope
   neither reads nor allocates. So the module does not declare them. */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

/* xmlFree is a global function pointer in libxml2; Swift cannot always call it directly. */
static inline void sigscope_xmlFree(void *p) { xmlFree(p); }

#endif
