#ifndef SIGSCOPE_COPENSSL_SHIM_H
#define SIGSCOPE_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/crypto.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

/* OSSL_PARAM_construct_* are plain functions, but the OSSL_MAC_PARAM_DIGEST name is a
   macro string Swift imports fine; nothing else needs a shim. */

#endif
