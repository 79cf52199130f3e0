/* The libcrypto bound: only the SHA-256 and HMAC calls a signature needs, made the fastest way
 * libcrypto offers (algorithms fetched once, one context per kind reused, the HMAC digest set once
 * per context), on messages of the sizes sigscope's own first request has. Nothing else: no
 * parsing, no canonical strings, no hex, no output.
 *
 *   crypto_bound tc3 ITERATIONS BODY CANONICAL STRING_TO_SIGN
 *       per signature: SHA-256(body), SHA-256(canonical request), the three derived-key HMACs
 *       (SecretDate, SecretService, SecretSigning) and the signature HMAC: 2 digests, 4 MACs.
 *   crypto_bound tc3-cached ITERATIONS BODY CANONICAL STRING_TO_SIGN
 *       the same with the derived keys computed once (they depend only on secret, date and
 *       service, the same for a whole batch): 2 digests and 1 MAC with its key kept.
 *   crypto_bound rpc ITERATIONS STRING_TO_SIGN
 *       Alibaba RPC: one HMAC-SHA1 keyed with secret + "&" (the same key every request).
 * Prints signatures per second. */
#include <openssl/evp.h>
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

static EVP_MAC_CTX *mac_context(EVP_MAC *mac, const char *digest) {
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
    OSSL_PARAM params[2] = { OSSL_PARAM_construct_utf8_string("digest", (char *)digest, 0), OSSL_PARAM_construct_end() };
    must(ctx && EVP_MAC_CTX_set_params(ctx, params), "EVP_MAC_CTX_set_params");
    return ctx;
}

/* key NULL: reuse the key the context holds. */
static void hmac(EVP_MAC_CTX *ctx, const unsigned char *key, size_t keylen, const unsigned char *msg, size_t msglen, unsigned char *out) {
    size_t outlen = 0;
    must(EVP_MAC_init(ctx, key, keylen, NULL), "EVP_MAC_init");
    must(EVP_MAC_update(ctx, msg, msglen), "EVP_MAC_update");
    must(EVP_MAC_final(ctx, out, &outlen, 64), "EVP_MAC_final");
}

static void sha256(EVP_MD_CTX *md, const EVP_MD *sha, const unsigned char *msg, size_t len, unsigned char *out) {
    unsigned int outlen;
    must(EVP_DigestInit_ex2(md, sha, NULL) && EVP_DigestUpdate(md, msg, len) && EVP_DigestFinal_ex(md, out, &outlen), "sha256");
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: crypto_bound tc3|tc3-cached|rpc ITERATIONS SIZES...\n"); return 2; }
    const char *mode = argv[1];
    long iterations = atol(argv[2]);
    int rpc = strcmp(mode, "rpc") == 0, cached = strcmp(mode, "tc3-cached") == 0;
    size_t body_len = rpc ? 0 : (size_t)atol(argv[3]);
    size_t canonical_len = rpc ? 0 : (argc > 4 ? (size_t)atol(argv[4]) : 150);
    size_t sts_len = rpc ? (size_t)atol(argv[3]) : (argc > 5 ? (size_t)atol(argv[5]) : 117);
    unsigned char *body = malloc(body_len + 1), *canonical = malloc(canonical_len + 1), *sts = malloc(sts_len + 1);
    memset(body, 'x', body_len); memset(canonical, 'y', canonical_len); memset(sts, 'z', sts_len);
    EVP_MD *sha = EVP_MD_fetch(NULL, "SHA256", NULL);
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    must(sha && mac, "fetch");
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_MAC_CTX *ctx = mac_context(mac, rpc ? "SHA1" : "SHA256");
    unsigned char out[64], key[64];
    static const unsigned char secret[] = "TC3Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    if (rpc) hmac(ctx, (const unsigned char *)"Gu5t9xGARNpq86cd98joQYCN3EXAMPLE&", 33, sts, sts_len, out);
    if (cached) {
        hmac(ctx, secret, sizeof secret - 1, (const unsigned char *)"2019-02-25", 10, key);
        hmac(ctx, key, 32, (const unsigned char *)"vpc", 3, key);
        hmac(ctx, key, 32, (const unsigned char *)"tc3_request", 11, key);
        hmac(ctx, key, 32, sts, sts_len, out);
    }
    double start = now();
    for (long i = 0; i < iterations; i++) {
        if (rpc) {
            hmac(ctx, NULL, 0, sts, sts_len, out);
            continue;
        }
        sha256(md, sha, body, body_len, out);
        sha256(md, sha, canonical, canonical_len, out);
        if (cached) {
            hmac(ctx, NULL, 0, sts, sts_len, out);
            continue;
        }
        hmac(ctx, secret, sizeof secret - 1, (const unsigned char *)"2019-02-25", 10, key);
        hmac(ctx, key, 32, (const unsigned char *)"vpc", 3, key);
        hmac(ctx, key, 32, (const unsigned char *)"tc3_request", 11, key);
        hmac(ctx, key, 32, sts, sts_len, out);
    }
    double elapsed = now() - start;
    printf("%.1f\n", iterations / elapsed);
    return 0;
}
