import Testing
@testable import SigScope

/// libcrypto wrappers against the published RFC vectors.
@Suite("Crypto")
struct CryptoTests {
    @Test("SHA-256 of the empty string and of UNSIGNED-PAYLOAD (signing.md §7 constants)")
    func sha256Constants() throws {
        #expect(Hex.encode(try Digest.sha256([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(try Digest.sha256Hex("UNSIGNED-PAYLOAD") == "438d4109ef0d676b8c2c7ed13cdfcb418e494d53b843d4634ce3b1085f07bb96")
        #expect(try Digest.sha256Hex("{}") == "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
    }

    struct RFCVector: Sendable, CustomStringConvertible {
        let name: String
        let key: [UInt8]
        let data: [UInt8]
        let expected: String
        var description: String { name }
    }

    /// RFC 4231 section 4 (HMAC-SHA256), test cases 1-4, 6, 7.
    static let rfc4231: [RFCVector] = [
        RFCVector(name: "4231-1", key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
                  expected: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        RFCVector(name: "4231-2", key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
                  expected: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        RFCVector(name: "4231-3", key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50),
                  expected: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        RFCVector(name: "4231-4", key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
                  expected: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        RFCVector(name: "4231-6", key: [UInt8](repeating: 0xaa, count: 131), data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                  expected: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        RFCVector(name: "4231-7", key: [UInt8](repeating: 0xaa, count: 131),
                  data: Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
                  expected: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    /// RFC 2202 section 3 (HMAC-SHA1), test cases 1-4, 6, 7.
    static let rfc2202: [RFCVector] = [
        RFCVector(name: "2202-1", key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8), expected: "b617318655057264e28bc0b6fb378c8ef146be00"),
        RFCVector(name: "2202-2", key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8), expected: "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
        RFCVector(name: "2202-3", key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50), expected: "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
        RFCVector(name: "2202-4", key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50), expected: "4c9007f4026250c6bc8414f9bf50c86c2d7235da"),
        RFCVector(name: "2202-6", key: [UInt8](repeating: 0xaa, count: 80), data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8), expected: "aa4ae5e15272d00e95705637ce8a3b55ed402112"),
        RFCVector(name: "2202-7", key: [UInt8](repeating: 0xaa, count: 80), data: Array("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data".utf8), expected: "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"),
    ]

    @Test("HMAC-SHA256 matches RFC 4231", arguments: rfc4231)
    func hmacSHA256(_ vector: RFCVector) throws {
        #expect(Hex.encode(try HMAC.mac(.sha256, key: vector.key, message: vector.data)) == vector.expected)
    }

    @Test("HMAC-SHA1 matches RFC 2202", arguments: rfc2202)
    func hmacSHA1(_ vector: RFCVector) throws {
        #expect(Hex.encode(try HMAC.mac(.sha1, key: vector.key, message: vector.data)) == vector.expected)
    }

    @Test("RFC 4231 case 5: truncated output is the prefix of the full MAC")
    func truncated() throws {
        let mac = try HMAC.mac(.sha256, key: [UInt8](repeating: 0x0c, count: 20), message: Array("Test With Truncation".utf8))
        #expect(Hex.encode(mac.prefix(16)) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test("HMAC accepts an empty key")
    func emptyKey() throws {
        // HMAC-SHA256("", "") is a well-known constant.
        #expect(Hex.encode(try HMAC.mac(.sha256, key: [], message: [])) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test("Base64 and hex round-trip, and reject garbage")
    func codecs() {
        #expect(Base64.encode(Array("any carnal pleas".utf8)) == "YW55IGNhcm5hbCBwbGVhcw==")
        #expect(Base64.decode("YW55IGNhcm5hbCBwbGVhcw==") == Array("any carnal pleas".utf8))
        #expect(Base64.decode("not base64!") == nil)
        #expect(Hex.decode("00ff10") == [0, 255, 16])
        #expect(Hex.decode("0g") == nil)
    }

    @Test("HMAC stays correct when the same key, then another, then the first again are used in turn (reused contexts)")
    func reusedKeys() throws {
        let a = Self.rfc4231[0], b = Self.rfc4231[1], long = Self.rfc4231[4]
        for vector in [a, a, b, b, a, long, long, a, b] {
            #expect(Hex.encode(try HMAC.mac(.sha256, key: vector.key, message: vector.data)) == vector.expected)
        }
        // Interleaving SHA-1 and SHA-256 with one key keeps each algorithm's context apart.
        let sha1 = Self.rfc2202[1]
        for _ in 0..<2 {
            #expect(Hex.encode(try HMAC.mac(.sha1, key: sha1.key, message: sha1.data)) == sha1.expected)
            #expect(Hex.encode(try HMAC.mac(.sha256, key: b.key, message: b.data)) == b.expected)
            #expect(Hex.encode(try HMAC.mac(.sha256, key: [], message: [])) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
        }
    }

    @Test("RFC 4231 and RFC 2202 HMACs through a kept key and through a batch worker's reused contexts")
    func hmacThroughCache() throws {
        let cache = CryptoContexts()
        for (algorithm, vectors) in [(HashAlgorithm.sha256, Self.rfc4231), (.sha1, Self.rfc2202)] {
            for vector in vectors + vectors.reversed() {
                let keyed = try vector.key.withUnsafeBytes { try KeyedHMAC(algorithm, key: $0) }
                #expect(try vector.data.withUnsafeBytes { try keyed.hex($0) } == vector.expected, "\(vector.name)")
                // The cache keys its own context from the key once, then re-initialises it per message.
                for _ in 0..<2 {
                    let cached = try withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) { out in
                        try vector.data.withUnsafeBytes { try cache.hmac(keyed, $0, into: out) }
                        return Hex.encode(UnsafeRawBufferPointer(rebasing: out[0..<algorithm.digestLength]))
                    }
                    #expect(cached == vector.expected, "\(vector.name), cached")
                }
            }
        }
    }

    @Test("FIPS 180 digests: one block, two blocks, a million bytes, and the empty message")
    func fips180Digests() throws {
        let two = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        let million = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(Hex.encode(try Digest.sha256(two)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Hex.encode(try Digest.sha256(million)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(Hex.encode(try Digest.hash(.sha1, two)) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(Hex.encode(try Digest.hash(.sha1, million)) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        #expect(Hex.encode(try Digest.hash(.sha1, [UInt8]())) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        // A batch worker's own digest context gives the same at every block and padding boundary.
        let cache = CryptoContexts()
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 300] {
            let data = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let viaCache = try withUnsafeTemporaryAllocation(byteCount: 32, alignment: 1) { out in
                try data.withUnsafeBytes { try cache.sha256($0, into: out) }
                return Array(out)
            }
            #expect(viaCache == (try Digest.sha256(data)), "\(length) bytes")
        }
    }

    @Test("SHA-1 and SHA-256 digests of the FIPS 180 \"abc\" message, in turn on the shared context")
    func digestsInTurn() throws {
        for _ in 0..<2 {
            #expect(Hex.encode(try Digest.hash(.sha1, Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
            #expect(Hex.encode(try Digest.sha256(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(Hex.encode(try Digest.sha256(Array("abc".utf8)[...])) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        }
    }

    @Test("Base64 follows RFC 4648 section 10 for every padding length, and rejects misplaced padding")
    func base64Vectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64.decode("Zm9v\nYmFy") == Array("foobar".utf8))
        #expect(Base64.decode("Zg=") == nil)
        #expect(Base64.decode("Z===") == nil)
        #expect(Base64.decode("Zg=a") == nil)
        #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
    }

    @Test("constant-time comparison")
    func constantTime() {
        #expect(ConstantTime.equals("abc", "abc"))
        #expect(!ConstantTime.equals("abc", "abd"))
        #expect(!ConstantTime.equals("abc", "ab"))
    }
}

@Suite("libcrypto set-up")
struct CryptoSetupTests {
    @Test("an error entry without libcrypto's text (its strings are not loaded) says how to look the code up")
    func errorCodeHint() {
        let bare = CryptoError(function: "EVP_MD_fetch", queue: ["error:0308010C:lib(6)::reason(524556)"])
        #expect(bare.description == "libcrypto: EVP_MD_fetch failed: error:0308010C:lib(6)::reason(524556) (`openssl errstr CODE` prints the text of an error code)")
        let text = CryptoError(function: "EVP_MD_fetch", queue: ["error:0308010C:digital envelope routines::unsupported"])
        #expect(text.description == "libcrypto: EVP_MD_fetch failed: error:0308010C:digital envelope routines::unsupported")
        #expect(CryptoError(function: "EVP_Digest", queue: []).description == "libcrypto: EVP_Digest failed")
    }
}
