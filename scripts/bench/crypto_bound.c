/* The libcrypto bound: only the SHA-256 and HMAC-SHA256 calls one TC3 signature needs
 * (payload hash, canonical-request hash, three derived keys, the signature), with algorithms
 * fetched once and contexts reused — the fastest any TC3 signer built on libcrypto can be.
 * Usage: crypto_bound ITERATIONS BODY_BYTES CANONICAL_BYTES   (prints signatures per second)
 * Also: crypto_bound --rpc ITERATIONS STS_BYTES  (one SHA-1 HMAC: the Alibaba RPC bound). */
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

static void hmac(EVP_MAC_CTX *ctx, const unsigned char *key, size_t keylen,
                 const unsigned char *msg, size_t msglen, unsigned char *out, const char *digest) {
    OSSL_PARAM params[2] = { OSSL_PARAM_construct_utf8_string("digest", (char *)digest, 0), OSSL_PARAM_construct_end() };
    size_t outlen = 0;
    must(EVP_MAC_init(ctx, key, keylen, params), "EVP_MAC_init");
    must(EVP_MAC_update(ctx, msg, msglen), "EVP_MAC_update");
    must(EVP_MAC_final(ctx, out, &outlen, 64), "EVP_MAC_final");
}

int main(int argc, char **argv) {
    int rpc = argc > 1 && strcmp(argv[1], "--rpc") == 0;
    int base = rpc ? 2 : 1;
    long iterations = argc > base ? atol(argv[base]) : 200000;
    size_t a = argc > base + 1 ? (size_t)atol(argv[base + 1]) : 200;
    size_t b = argc > base + 2 ? (size_t)atol(argv[base + 2]) : 300;
    unsigned char *body = malloc(a), *canonical = malloc(b);
    memset(body, 'x', a); memset(canonical, 'y', b);
    EVP_MD *sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    must(sha256 && mac, "fetch");
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
    unsigned char out[64], key[64];
    unsigned int len;
    double start = now();
    for (long i = 0; i < iterations; i++) {
        if (rpc) {
            hmac(ctx, (const unsigned char *)"testsecret&", 11, body, a, out, "SHA1");
            continue;
        }
        must(EVP_DigestInit_ex2(md, sha256, NULL) && EVP_DigestUpdate(md, body, a) && EVP_DigestFinal_ex(md, out, &len), "sha256 body");
        must(EVP_DigestInit_ex2(md, sha256, NULL) && EVP_DigestUpdate(md, canonical, b) && EVP_DigestFinal_ex(md, out, &len), "sha256 canonical");
        hmac(ctx, (const unsigned char *)"TC3Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", 35, (const unsigned char *)"2019-02-25", 10, key, "SHA256");
        hmac(ctx, key, 32, (const unsigned char *)"vpc", 3, key, "SHA256");
        hmac(ctx, key, 32, (const unsigned char *)"tc3_request", 11, key, "SHA256");
        hmac(ctx, key, 32, canonical, 120, out, "SHA256");
    }
    double elapsed = now() - start;
    printf("%.1f\n", iterations / elapsed);
    return 0;
}
