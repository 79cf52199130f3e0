#ifndef SIGSCOPE_COPENSSL_SHIM_H
#define SIGSCOPE_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/crypto.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

/* libcrypto's explicit initialisation (its OPENSSL_INIT_* flags are macros Swift does not import).
   The legacy cipher and digest tables are never filled: sigscope fetches algorithms from providers
   by their provider names only, and filling them, then copying every legacy name into the
   provider name map on the first fetch, is most of OpenSSL 3's start-up cost.
   Nor are libcrypto's error strings loaded (a third of what is left): an error is rare enough
   to be reported by its code, which `openssl errstr CODE` explains.
   openssl.cnf is read only when load_config is non-zero. */
static inline int sigscope_init_crypto(int load_config) {
    uint64_t opts = OPENSSL_INIT_NO_ADD_ALL_CIPHERS | OPENSSL_INIT_NO_ADD_ALL_DIGESTS | OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS;
    opts |= load_config ? OPENSSL_INIT_LOAD_CONFIG : OPENSSL_INIT_NO_LOAD_CONFIG;
    return OPENSSL_init_crypto(opts, NULL);
}

#endif
