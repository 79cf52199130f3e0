/* The libcrypto bound: only the SHA-256 / HMAC calls a signature needs, made the fastest way
 * libcrypto offers, on messages of the sizes sigscope's own first request has. Nothing else: no
 * parsing, no canonical strings, no hex, no output.
 *
 *   crypto_bound API MODE ITERATIONS SIZES...
 *   API  evp       EVP with algorithms fetched once, one context per kind reused and the HMAC
 *                  digest set once (OpenSSL 3's recommended interface; what sigscope uses)
 *        lowlevel  SHA256_* / SHA1_* on stack contexts, HMAC (RFC 2104) on them with the keyed
 *                  inner and outer states copied (deprecated functions and a hand-built HMAC,
 *                  which sigscope does not use; the faster of the two is the bound)
 *   MODE tc3 BODY CANONICAL STRING_TO_SIGN
 *                  per signature: SHA-256(body), SHA-256(canonical request), the three derived-key
 *                  HMACs (SecretDate, SecretService, SecretSigning) and the signature HMAC
 *        tc3-cached BODY CANONICAL STRING_TO_SIGN
 *                  the same with the derived key kept (it depends only on secret, date and service,
 *                  the same for a whole batch): 2 digests and 1 HMAC with its key kept
 *        rpc STRING_TO_SIGN
 *                  Alibaba RPC: one HMAC-SHA1 keyed with secret + "&" (the same key every request)
 * Prints signatures per second. */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/core_names.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void must(int ok, const char *what) {
    if (!ok) { fprintf(stderr, "libcrypto failed: %s\n", what); exit(1); }
}

/* ---- EVP ---- */
static EVP_MD *evp_sha256;
static EVP_MD_CTX *evp_md;
static EVP_MAC_CTX *evp_mac;

static void evp_setup(const char *digest) {
    evp_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    must(evp_sha256 && mac, "fetch");
    evp_md = EVP_MD_CTX_new();
    evp_mac = EVP_MAC_CTX_new(mac);
    OSSL_PARAM params[2] = { OSSL_PARAM_construct_utf8_string("digest", (char *)digest, 0), OSSL_PARAM_construct_end() };
    must(evp_md && evp_mac && EVP_MAC_CTX_set_params(evp_mac, params), "EVP_MAC_CTX_set_params");
}

/* key NULL: reuse the key the context holds. */
static void evp_hmac(const unsigned char *key, size_t keylen, const unsigned char *msg, size_t len, unsigned char *out) {
    size_t outlen = 0;
    must(EVP_MAC_init(evp_mac, key, keylen, NULL) && EVP_MAC_update(evp_mac, msg, len) && EVP_MAC_final(evp_mac, out, &outlen, 64), "hmac");
}

static void evp_digest(const unsigned char *msg, size_t len, unsigned char *out) {
    unsigned int outlen;
    must(EVP_DigestInit_ex2(evp_md, evp_sha256, NULL) && EVP_DigestUpdate(evp_md, msg, len) && EVP_DigestFinal_ex(evp_md, out, &outlen), "sha256");
}

/* ---- low level ---- */
typedef struct { SHA256_CTX inner, outer; } hmac256_key;
typedef struct { SHA_CTX inner, outer; } hmac1_key;

static void ll_key256(hmac256_key *k, const unsigned char *key, size_t keylen) {
    unsigned char block[64] = {0};
    if (keylen > 64) SHA256(key, keylen, block); else memcpy(block, key, keylen);
    for (int i = 0; i < 64; i++) block[i] ^= 0x36;
    SHA256_Init(&k->inner); SHA256_Update(&k->inner, block, 64);
    for (int i = 0; i < 64; i++) block[i] ^= 0x36 ^ 0x5c;
    SHA256_Init(&k->outer); SHA256_Update(&k->outer, block, 64);
}

static void ll_mac256(const hmac256_key *k, const unsigned char *msg, size_t len, unsigned char *out) {
    unsigned char inner[32];
    SHA256_CTX c = k->inner;
    SHA256_Update(&c, msg, len); SHA256_Final(inner, &c);
    c = k->outer;
    SHA256_Update(&c, inner, 32); SHA256_Final(out, &c);
}

static void ll_hmac256(const unsigned char *key, size_t keylen, const unsigned char *msg, size_t len, unsigned char *out) {
    hmac256_key k;
    ll_key256(&k, key, keylen);
    ll_mac256(&k, msg, len, out);
}

static void ll_digest(const unsigned char *msg, size_t len, unsigned char *out) {
    SHA256_CTX c;
    SHA256_Init(&c); SHA256_Update(&c, msg, len); SHA256_Final(out, &c);
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: crypto_bound evp|lowlevel tc3|tc3-cached|rpc ITERATIONS SIZES...\n"); return 2; }
    int evp = strcmp(argv[1], "evp") == 0;
    const char *mode = argv[2];
    long iterations = atol(argv[3]);
    int rpc = strcmp(mode, "rpc") == 0, cached = strcmp(mode, "tc3-cached") == 0;
    size_t body_len = rpc ? 0 : (size_t)atol(argv[4]);
    size_t canonical_len = rpc ? 0 : (argc > 5 ? (size_t)atol(argv[5]) : 150);
    size_t sts_len = rpc ? (size_t)atol(argv[4]) : (argc > 6 ? (size_t)atol(argv[6]) : 117);
    unsigned char *body = malloc(body_len + 1), *canonical = malloc(canonical_len + 1), *sts = malloc(sts_len + 1);
    memset(body, 'x', body_len); memset(canonical, 'y', canonical_len); memset(sts, 'z', sts_len);
    unsigned char out[64], key[64];
    static const unsigned char secret[] = "TC3Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    static const unsigned char rpc_secret[] = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE&";
    double start, elapsed;

    if (evp) {
        evp_setup(rpc ? "SHA1" : "SHA256");
        if (rpc) evp_hmac(rpc_secret, sizeof rpc_secret - 1, sts, sts_len, out);
        if (cached) {
            evp_hmac(secret, sizeof secret - 1, (const unsigned char *)"2019-02-25", 10, key);
            evp_hmac(key, 32, (const unsigned char *)"vpc", 3, key);
            evp_hmac(key, 32, (const unsigned char *)"tc3_request", 11, key);
            evp_hmac(key, 32, sts, sts_len, out);
        }
        start = now();
        for (long i = 0; i < iterations; i++) {
            if (rpc) { evp_hmac(NULL, 0, sts, sts_len, out); continue; }
            evp_digest(body, body_len, out);
            evp_digest(canonical, canonical_len, out);
            if (cached) { evp_hmac(NULL, 0, sts, sts_len, out); continue; }
            evp_hmac(secret, sizeof secret - 1, (const unsigned char *)"2019-02-25", 10, key);
            evp_hmac(key, 32, (const unsigned char *)"vpc", 3, key);
            evp_hmac(key, 32, (const unsigned char *)"tc3_request", 11, key);
            evp_hmac(key, 32, sts, sts_len, out);
        }
        elapsed = now() - start;
    } else {
        hmac256_key signing;
        hmac1_key rpc_key;
        if (rpc) {
            unsigned char block[64] = {0};
            memcpy(block, rpc_secret, sizeof rpc_secret - 1);
            for (int i = 0; i < 64; i++) block[i] ^= 0x36;
            SHA1_Init(&rpc_key.inner); SHA1_Update(&rpc_key.inner, block, 64);
            for (int i = 0; i < 64; i++) block[i] ^= 0x36 ^ 0x5c;
            SHA1_Init(&rpc_key.outer); SHA1_Update(&rpc_key.outer, block, 64);
        }
        if (cached) {
            ll_hmac256(secret, sizeof secret - 1, (const unsigned char *)"2019-02-25", 10, key);
            ll_hmac256(key, 32, (const unsigned char *)"vpc", 3, key);
            ll_hmac256(key, 32, (const unsigned char *)"tc3_request", 11, key);
            ll_key256(&signing, key, 32);
        }
        start = now();
        for (long i = 0; i < iterations; i++) {
            if (rpc) {
                unsigned char inner[20];
                SHA_CTX c = rpc_key.inner;
                SHA1_Update(&c, sts, sts_len); SHA1_Final(inner, &c);
                c = rpc_key.outer;
                SHA1_Update(&c, inner, 20); SHA1_Final(out, &c);
                continue;
            }
            ll_digest(body, body_len, out);
            ll_digest(canonical, canonical_len, out);
            if (cached) { ll_mac256(&signing, sts, sts_len, out); continue; }
            ll_hmac256(secret, sizeof secret - 1, (const unsigned char *)"2019-02-25", 10, key);
            ll_hmac256(key, 32, (const unsigned char *)"vpc", 3, key);
            ll_hmac256(key, 32, (const unsigned char *)"tc3_request", 11, key);
            ll_hmac256(key, 32, sts, sts_len, out);
        }
        elapsed = now() - start;
    }
    printf("%.1f\n", iterations / elapsed);
    return 0;
}
