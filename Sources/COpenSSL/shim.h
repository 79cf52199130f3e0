#ifndef SIGSCOPE_COPENSSL_SHIM_H
#define SIGSCOPE_COPENSSL_SHIM_H

/* sigscope hashes with libcrypto's SHA1_* and SHA256_* functions, which OpenSSL 3 marks
   deprecated in favour of EVP. They need no provider: EVP's first fetch builds the default
   provider's whole method store (about 1.3 ms, most of a one-shot `sigscope sign`), and their
   plain-struct contexts need no allocation or lock per call. Silence the deprecation only. */
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include <openssl/sha.h>
#include <openssl/err.h>
#include <openssl/crypto.h>

#endif
