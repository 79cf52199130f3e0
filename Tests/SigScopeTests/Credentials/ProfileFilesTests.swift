import Testing
import SigScope

/// The providers' profile files, parsed from their bytes (tccli, aliyun CLI, Alibaba credentials library).
@Suite("Profile files")
struct ProfileFilesTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("a tccli credential file gives secretId, secretKey and token")
    func tccli() throws {
        let entry = try ProfileFiles.tccli(Self.bytes(#"{"secretId": "AKIDexample", "secretKey": "k3y", "token": "tok"}"#), source: "f", profile: "default")
        #expect(entry.secretId == "AKIDexample")
        #expect(entry.secretKey == SecretKey("k3y"))
        #expect(entry.token == "tok")
        let noToken = try ProfileFiles.tccli(Self.bytes(#"{"secretId": "AKIDexample", "secretKey": "k3y", "token": ""}"#), source: "f", profile: "default")
        #expect(noToken.token == nil)
    }

    @Test("a tccli role profile (role-arn, type cvm-role) is refused naming what it needs, and a file without secretKey names the key")
    func tccliRoleAndMissing() {
        #expect(throws: SigScopeError(.missingInput, "")) {
            try ProfileFiles.tccli(Self.bytes(#"{"secretId": "AKID1", "secretKey": "k", "role-arn": "qcs::cam::uin/1:roleName/r"}"#), source: "f", profile: "p")
        }
        do {
            _ = try ProfileFiles.tccli(Self.bytes(#"{"type": "cvm-role"}"#), source: "f", profile: "p")
            Issue.record("a cvm-role profile was accepted")
        } catch {
            #expect(error.reason.contains("cvm-role") && error.message.subjects.contains(.token) && error.reason.contains("the credentials' session token"), "\(error.reason)")
        }
        do {
            _ = try ProfileFiles.tccli(Self.bytes(#"{"secretId": "AKID1"}"#), source: "f", profile: "p")
            Issue.record("a file without secretKey was accepted")
        } catch {
            #expect(error.code == .invalidRequest && error.reason.contains("secretKey"))
        }
        #expect(throws: SigScopeError(.invalidJSON, "")) { try ProfileFiles.tccli(Self.bytes("{secretId"), source: "f", profile: "p") }
    }

    static let aliyunConfig = #"""
    {"current": "sts", "profiles": [
      {"name": "default", "mode": "AK", "access_key_id": "LTAIdefault", "access_key_secret": "s1", "sts_token": "", "region_id": "cn-hangzhou"},
      {"name": "sts", "mode": "StsToken", "access_key_id": "STS.temp", "access_key_secret": "s2", "sts_token": "tok2", "region_id": "cn-beijing"},
      {"name": "role", "mode": "RamRoleArn", "access_key_id": "LTAIx", "access_key_secret": "s3", "ram_role_arn": "acs:ram::1:role/r"},
      {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": "r"},
      {"name": "chain", "mode": "ChainableRamRoleArn"}
    ]}
    """#

    @Test("an aliyun CLI config gives its current profile, or the one named; AK has no token, StsToken has sts_token")
    func aliyunCLI() throws {
        let current = try #require(try ProfileFiles.aliyunCLI(Self.bytes(Self.aliyunConfig), source: "c", profile: nil))
        #expect(current.profile == "sts" && current.secretId == "STS.temp" && current.token == "tok2" && current.region == "cn-beijing")
        let named = try #require(try ProfileFiles.aliyunCLI(Self.bytes(Self.aliyunConfig), source: "c", profile: "default"))
        #expect(named.secretId == "LTAIdefault" && named.secretKey == SecretKey("s1") && named.token == nil)
        #expect(try ProfileFiles.aliyunCLI(Self.bytes(Self.aliyunConfig), source: "c", profile: "nosuch") == nil)
    }

    @Test("every other aliyun CLI mode is refused with an error that names the mode", arguments: ["role": "RamRoleArn", "ecs": "EcsRamRole", "chain": "ChainableRamRoleArn"])
    func aliyunModes(_ profile: String, _ mode: String) {
        do {
            _ = try ProfileFiles.aliyunCLI(Self.bytes(Self.aliyunConfig), source: "c", profile: profile)
            Issue.record("mode \(mode) was accepted")
        } catch {
            #expect(error.code == .missingInput)
            #expect(error.reason.contains("mode \(mode)") && error.message.subjects.contains(.accessKeyId) && error.reason.contains("the credentials' AccessKeyId"), "\(error.reason)")
        }
    }

    @Test("an StsToken profile without its token is a malformed file")
    func stsWithoutToken() {
        #expect(throws: SigScopeError(.invalidRequest, "")) {
            try ProfileFiles.aliyunCLI(Self.bytes(#"{"profiles": [{"name": "default", "mode": "StsToken", "access_key_id": "STS.a", "access_key_secret": "b", "sts_token": ""}]}"#), source: "c", profile: nil)
        }
    }

    static let ini = """
    # Alibaba Cloud credentials
    [default]
    enable = true
    type = access_key
    access_key_id = LTAIini   ; a comment
    access_key_secret = s#cret

    [temp]
    type = sts
    access_key_id = STS.x
    access_key_secret = y
    security_token = tok

    [off]
    enable = false
    type = access_key
    access_key_id = LTAIoff
    access_key_secret = z

    [role]
    type = ram_role_arn
    role_arn = acs:ram::1:role/r
    """

    @Test("an Alibaba credentials INI gives access_key and sts sections; a # inside a value is kept, a disabled section is absent")
    func alibabaINI() throws {
        let entry = try #require(try ProfileFiles.alibabaCredentials(Self.bytes(Self.ini), source: "i", profile: "default"))
        #expect(entry.secretId == "LTAIini" && entry.secretKey == SecretKey("s#cret") && entry.token == nil)
        let temp = try #require(try ProfileFiles.alibabaCredentials(Self.bytes(Self.ini), source: "i", profile: "temp"))
        #expect(temp.token == "tok" && temp.mode == "sts")
        #expect(try ProfileFiles.alibabaCredentials(Self.bytes(Self.ini), source: "i", profile: "off") == nil)
        #expect(try ProfileFiles.alibabaCredentials(Self.bytes(Self.ini), source: "i", profile: "absent") == nil)
    }

    @Test("an INI section of another type is refused naming the type; a broken line is reported with its line number")
    func alibabaINIErrors() {
        do {
            _ = try ProfileFiles.alibabaCredentials(Self.bytes(Self.ini), source: "i", profile: "role")
            Issue.record("ram_role_arn was accepted")
        } catch {
            #expect(error.code == .missingInput && error.reason.contains("ram_role_arn"))
        }
        do {
            _ = try ProfileFiles.alibabaCredentials(Self.bytes("[default]\ntype = access_key\nthis line is broken\n"), source: "i", profile: "default")
            Issue.record("a broken line was accepted")
        } catch {
            #expect(error.code == .invalidRequest && error.line == 3, "\(error)")
        }
    }
}
