import Foundation
import Testing
import SigScope

/// Credentials as users keep them: options, environment, the providers' profile files, a key
/// file; where each came from is shown, never the key; and the lint's warnings.
@Suite("credential sources")
struct CredentialSourcesTests {
    /// A temporary HOME folder with files in it.
    final class Home {
        let path: String
        init(_ files: [String: String], mode: Int = 0o600) throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("sigscope-home-\(UUID().uuidString)").path
            for (name, contents) in files {
                let file = path + "/" + name
                try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
                try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
            }
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { path + "/" + name }
    }

    static let tccli = #"{"secretId": "AKIDprofile0000000000000000000000000", "secretKey": "profile-secret-key", "token": "profile-token"}"#
    static let sign = ["sign", "examples/tencent-create-eni.json", "--timestamp", "1700000000"]

    static func json(_ result: CLIResult) throws -> JSONObject {
        try #require(try JSONParser.parse(result.stdout).objectValue)
    }

    @Test("sign reads ~/.tccli/default.credential and says so on standard error, never printing the key")
    func tccliDefault() throws {
        let home = try Home([".tccli/default.credential": Self.tccli])
        let text = try CLI.run(Self.sign, env: ["HOME": home.path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stderr.contains("credentials: profile file ~/.tccli/default.credential, with its token"), "\(text.stderr)")
        #expect(text.stdout.contains("Credential=AKIDprofile0000000000000000000000000/"))
        let json = try CLI.run(Self.sign + ["--format", "json"], env: ["HOME": home.path])
        let output = try Self.json(json)
        #expect(output["credentialSource"]?["secretKey"]?.stringValue == "profile file ~/.tccli/default.credential")
        #expect(output["credentialWarnings"]?.arrayValue == [])
        #expect(json.stdout.contains("profile-token"), "the profile's token is sent as X-TC-Token")
        for result in [text, json] {
            #expect(!result.stdout.contains("profile-secret-key") && !result.stderr.contains("profile-secret-key"))
        }
    }

    @Test("--profile and TCCLI_PROFILE choose the tccli file; a profile no file has is a usage error naming the file")
    func tccliProfile() throws {
        let home = try Home([".tccli/work.credential": #"{"secretId": "AKIDwork", "secretKey": "w"}"#])
        let named = try CLI.run(Self.sign + ["--profile", "work"], env: ["HOME": home.path])
        #expect(named.status == 0 && named.stdout.contains("Credential=AKIDwork/"), "\(named.stderr)")
        let byVariable = try CLI.run(Self.sign, env: ["HOME": home.path, "TCCLI_PROFILE": "work"])
        #expect(byVariable.status == 0 && byVariable.stdout.contains("Credential=AKIDwork/"), "\(byVariable.stderr)")
        let missing = try CLI.run(Self.sign + ["--profile", "nosuch"], env: ["HOME": home.path])
        #expect(missing.status == 64 && missing.stderr.contains("~/.tccli/nosuch.credential"), "\(missing.stderr)")
    }

    @Test("plan signs with the profile file's credentials too, and --profile with a missing profile is an error, not an unsigned plan")
    func plan() throws {
        let home = try Home([".tccli/default.credential": Self.tccli])
        let args = ["plan", "examples/context/tencent-create-eni.json", "--context", "examples/context/tencent", "--format", "json"]
        let signed = try CLI.run(args, env: ["HOME": home.path])
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(try JSONParser.parse(signed.stdout)["signed"]?["signature"]?.stringValue?.count == 64)
        let unsigned = try CLI.run(args)
        #expect(try JSONParser.parse(unsigned.stdout)["signed"] == .null)
        let missing = try CLI.run(args + ["--profile", "nosuch"], env: ["HOME": home.path])
        #expect(missing.status == 64 && missing.stderr.contains("nosuch"), "\(missing.stderr)")
    }

    @Test("precedence: an option beats the environment, which beats the profile file")
    func precedence() throws {
        let home = try Home([".tccli/default.credential": Self.tccli])
        let env = ["HOME": home.path, "TENCENTCLOUD_SECRET_ID": "AKIDenvironment", "TENCENTCLOUD_SECRET_KEY": "env-secret"]
        let fromEnv = try Self.json(try CLI.run(Self.sign + ["--format", "json"], env: env))
        #expect(fromEnv["credentialSource"]?["secretKey"]?.stringValue == "environment TENCENTCLOUD_SECRET_KEY")
        #expect(fromEnv["credentialSource"]?["secretId"]?.stringValue == "environment TENCENTCLOUD_SECRET_ID")
        #expect(fromEnv["credentialSource"]?["token"] == .null, "the profile's token does not go with the environment's key")
        let fromOption = try Self.json(try CLI.run(Self.sign + ["--format", "json", "--secret-key", "opt", "--secret-id", "AKIDoption"], env: env))
        #expect(fromOption["credentialSource"]?["secretKey"]?.stringValue == "option --secret-key")
        #expect(fromOption["request"]?["headers"].map { JSONWriter.compact.string($0) }?.contains("AKIDoption") == true)
    }

    @Test("a key from the environment with the key id from a profile file is used, with a warning that they may not be one pair")
    func mixedSources() throws {
        let home = try Home([".tccli/default.credential": Self.tccli])
        let result = try CLI.run(Self.sign + ["--format", "json"], env: ["HOME": home.path, "TENCENTCLOUD_SECRET_KEY": "env-secret"])
        let output = try Self.json(result)
        #expect(output["credentialSource"]?["secretId"]?.stringValue == "profile file ~/.tccli/default.credential")
        #expect(output["credentialWarnings"]?.arrayValue?.contains { $0["code"]?.stringValue == "credential-sources-mixed" } == true)
    }

    @Test("tccli's TENCENTCLOUD_TOKEN and TENCENTCLOUD_REGION are read beside the current names")
    func tccliVariables() throws {
        let result = try CLI.run(["sign", "--provider", "tencent", "--param", "VpcId=vpc-1", "--no-validate", "--timestamp", "0", "--format", "json"],
                                 env: ["TENCENTCLOUD_SECRET_ID": "AKIDx", "TENCENTCLOUD_SECRET_KEY": "k", "TENCENTCLOUD_TOKEN": "tccli-token", "TENCENTCLOUD_REGION": "ap-shanghai"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("tccli-token"))
        #expect(result.stdout.contains("ap-shanghai"))
        let output = try Self.json(result)
        #expect(output["credentialSource"]?["token"]?.stringValue == "environment TENCENTCLOUD_TOKEN")
    }

    static let aliyunConfig = #"""
    {"current": "main", "profiles": [
      {"name": "main", "mode": "AK", "access_key_id": "LTAImain", "access_key_secret": "main-secret", "region_id": "cn-hangzhou"},
      {"name": "temp", "mode": "StsToken", "access_key_id": "STS.temp", "access_key_secret": "temp-secret", "sts_token": "temp-token"},
      {"name": "role", "mode": "RamRoleArn", "access_key_id": "LTAIrole", "access_key_secret": "r", "ram_role_arn": "acs:ram::1:role/x"}
    ]}
    """#
    static let aliSign = ["sign", "examples/aliyun-create-eni.json", "--timestamp", "2016-02-23T12:46:24Z", "--nonce", "n", "--format", "json"]

    @Test("Alibaba: ~/.aliyun/config.json's current profile, --profile, ALIBABA_CLOUD_PROFILE; StsToken sends its token")
    func aliyunCLI() throws {
        let home = try Home([".aliyun/config.json": Self.aliyunConfig])
        let current = try CLI.run(Self.aliSign, env: ["HOME": home.path])
        #expect(current.status == 0, "\(current.stderr)")
        #expect(current.stdout.contains("AccessKeyId=LTAImain"))
        #expect(try Self.json(current)["credentialSource"]?["secretKey"]?.stringValue == "profile file ~/.aliyun/config.json (profile main)")
        let temp = try CLI.run(Self.aliSign + ["--profile", "temp"], env: ["HOME": home.path])
        #expect(temp.stdout.contains("AccessKeyId=STS.temp") && temp.stdout.contains("SecurityToken=temp-token"), "\(temp.stderr)")
        let variable = try CLI.run(Self.aliSign, env: ["HOME": home.path, "ALIBABA_CLOUD_PROFILE": "temp"])
        #expect(variable.stdout.contains("AccessKeyId=STS.temp"))
        for result in [current, temp, variable] { #expect(!result.stdout.contains("-secret") && !result.stderr.contains("-secret")) }
    }

    @Test("Alibaba: a RamRoleArn profile is a usage error naming the mode and what to do")
    func aliyunUnsupportedMode() throws {
        let home = try Home([".aliyun/config.json": Self.aliyunConfig])
        let result = try CLI.run(Self.aliSign + ["--profile", "role"], env: ["HOME": home.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("~/.aliyun/config.json") && result.stderr.contains("mode RamRoleArn") && result.stderr.contains("--access-key-secret"), "\(result.stderr)")
    }

    @Test("Alibaba: ~/.alibabacloud/credentials (INI) when config.json has no such profile, or ALIBABA_CLOUD_CREDENTIALS_FILE")
    func alibabaINI() throws {
        let ini = "[default]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = ini-secret\n\n[ci]\ntype = sts\naccess_key_id = STS.ci\naccess_key_secret = ci-secret\nsecurity_token = ci-token\n"
        let home = try Home([".alibabacloud/credentials": ini, "elsewhere/creds.ini": ini])
        let plain = try CLI.run(Self.aliSign, env: ["HOME": home.path])
        #expect(plain.status == 0 && plain.stdout.contains("AccessKeyId=LTAIini"), "\(plain.stderr)")
        #expect(try Self.json(plain)["credentialSource"]?["secretKey"]?.stringValue == "profile file ~/.alibabacloud/credentials ([default])")
        let ci = try CLI.run(Self.aliSign + ["--profile", "ci"], env: ["HOME": home.path])
        #expect(ci.stdout.contains("SecurityToken=ci-token"), "\(ci.stderr)")
        let moved = try CLI.run(Self.aliSign, env: ["HOME": home.path + "/nowhere", "ALIBABA_CLOUD_CREDENTIALS_FILE": home.file("elsewhere/creds.ini")])
        #expect(moved.status == 0 && moved.stdout.contains("AccessKeyId=LTAIini"), "\(moved.stderr)")
    }

    @Test("a malformed profile file is an input error (exit 2) naming the file with line and column")
    func malformed() throws {
        let home = try Home([".tccli/default.credential": "{\"secretId\": \"AKID1\",\n \"secretKey\": }"])
        let result = try CLI.run(Self.sign, env: ["HOME": home.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("~/.tccli/default.credential:2:"), "\(result.stderr)")
        // The parser's message would quote the character it stopped at: from a secret, that is not shown.
        let leaky = try Home([".tccli/default.credential": #"{"secretId": "AKID1", "secretKey": Zsecret}"#])
        let quiet = try CLI.run(Self.sign, env: ["HOME": leaky.path])
        #expect(quiet.status == 2 && !quiet.stderr.contains("Z"), "\(quiet.stderr)")
        let ini = try Home([".alibabacloud/credentials": "[default]\nnot a key value line\n"])
        let broken = try CLI.run(Self.aliSign, env: ["HOME": ini.path])
        #expect(broken.status == 2 && broken.stderr.contains("~/.alibabacloud/credentials:2"), "\(broken.stderr)")
    }

    @Test("an unreadable profile file is an input error (exit 2) naming the file")
    func unreadable() throws {
        // A folder where the file should be cannot be read by anyone (a chmod 000 file still can, by root).
        let home = try Home([".tccli/default.credential/placeholder": ""])
        let result = try CLI.run(Self.sign, env: ["HOME": home.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("~/.tccli/default.credential") && result.stderr.contains("cannot read"), "\(result.stderr)")
        if getuid() != 0 {
            let locked = try Home([".tccli/default.credential": Self.tccli], mode: 0o000)
            let denied = try CLI.run(Self.sign, env: ["HOME": locked.path])
            #expect(denied.status == 2 && denied.stderr.contains("~/.tccli/default.credential"), "\(denied.stderr)")
        }
    }

    @Test("a credential file readable by group or others is used with a warning, as ssh gives, and the fix chmod 600")
    func worldReadable() throws {
        let home = try Home([".tccli/default.credential": Self.tccli], mode: 0o644)
        let text = try CLI.run(Self.sign, env: ["HOME": home.path])
        #expect(text.status == 0)
        #expect(text.stderr.contains("warning: ~/.tccli/default.credential holds a secret but its permissions 0644 let other users read it; chmod 600 ~/.tccli/default.credential"), "\(text.stderr)")
        let json = try Self.json(try CLI.run(Self.sign + ["--format", "json"], env: ["HOME": home.path]))
        #expect(json["credentialWarnings"]?.arrayValue?.contains { $0["code"]?.stringValue == "credential-file-permissions" } == true)
        let strict = try Home([".tccli/default.credential": Self.tccli], mode: 0o600)
        #expect(!(try CLI.run(Self.sign, env: ["HOME": strict.path])).stderr.contains("warning"))
    }

    @Test("--secret-key-file reads the key from a file or standard input, less one trailing newline; a second one is linted")
    func secretKeyFile() throws {
        let home = try Home(["key": "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE\n", "key2": "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE\n\n"])
        let base = Self.sign + ["--format", "json", "--secret-id", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"]
        let reference = try Self.json(try CLI.run(base + ["--secret-key", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"]))
        let fromFile = try Self.json(try CLI.run(base + ["--secret-key-file", home.file("key")]))
        let fromStdin = try Self.json(try CLI.run(base + ["--secret-key-file", "-"], stdin: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE\n"))
        #expect(fromFile["signature"] == reference["signature"] && fromStdin["signature"] == reference["signature"])
        #expect(fromStdin["credentialSource"]?["secretKey"]?.stringValue == "standard input (--secret-key-file -)")
        let doubled = try Self.json(try CLI.run(base + ["--secret-key-file", home.file("key2")]))
        #expect(doubled["signature"] != reference["signature"])
        let whitespace = doubled["credentialWarnings"]?.arrayValue?.first { $0["code"]?.stringValue == "secret-key-whitespace" }
        #expect(whitespace?["fix"]?.stringValue?.hasSuffix("a key read from --secret-key-file loses one trailing newline only") == true, "\(doubled)")
        let both = try CLI.run(base + ["--secret-key", "a", "--secret-key-file", home.file("key")])
        #expect(both.status == 64)
        // A batch reads the key from standard input once, for every line and every worker.
        let lines = String(repeating: #"{"provider": "tencent", "region": "ap-guangzhou", "params": {"VpcId": "vpc-1"}}"# + "\n", count: 3000)
        let batchFile = try TempFile(lines)
        let batch = try CLI.run(["sign", "--batch", batchFile.path, "--no-validate", "--timestamp", "1700000000", "--secret-id", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
                                 "--secret-key-file", "-"], stdin: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE\n")
        #expect(batch.status == 0, "\(batch.stderr.prefix(300))")
        let signatures = Set(batch.stdout.split(separator: "\n").compactMap { (try? JSONParser.parse(String($0)))?["signature"]?.stringValue })
        #expect(signatures.count == 1)
        #expect(try CLI.run(["sign", "--batch", "-", "--secret-key-file", "-", "--secret-id", "AKIDx"], stdin: "k\n").status == 64)
    }

    @Test("lint: a SecretId of the wrong shape, a key with a space, an STS key without token, an empty value: warnings with fixes")
    func lint() throws {
        let tencent = try CLI.run(["sign", "--provider", "tencent", "--no-validate", "--timestamp", "0", "--secret-id", "LTAIwrongcloud", "--secret-key", "k "])
        #expect(tencent.status == 0)
        #expect(tencent.stderr.contains("warning: the SecretId from option --secret-id does not start with AKID"), "\(tencent.stderr)")
        #expect(tencent.stderr.contains("warning: the SecretKey from option --secret-key begins or ends with whitespace"))
        let sts = try CLI.run(["sign", "--provider", "aliyun", "--action", "DescribeRegions", "--no-validate", "--format", "json"],
                              env: ["ALIBABA_CLOUD_ACCESS_KEY_ID": "STS.temporary", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "s", "ALIBABA_CLOUD_SECURITY_TOKEN": ""])
        let warnings = try Self.json(sts)["credentialWarnings"]?.arrayValue ?? []
        let codes = warnings.compactMap { $0["code"]?.stringValue }
        #expect(codes.contains("sts-without-token") && codes.contains("empty-value"), "\(codes)")
        #expect(warnings.allSatisfy { $0["fix"]?.stringValue?.isEmpty == false })
        let emptyId = try CLI.run(["sign", "--provider", "tencent", "--no-validate", "--timestamp", "0", "--secret-id", "", "--secret-key", "k"])
        #expect(emptyId.stderr.contains("the SecretId from option --secret-id is empty"), "\(emptyId.stderr)")
        // An empty secret key is refused outright, from an option, a variable or a key file.
        let empty = try CLI.run(["sign", "--provider", "tencent", "--no-validate", "--timestamp", "0", "--secret-id", "AKIDx", "--secret-key", ""])
        #expect(empty.status == 64 && empty.stderr.contains("--secret-key is empty"), "\(empty.stderr)")
        let emptyFile = try CLI.run(["sign", "--provider", "tencent", "--no-validate", "--timestamp", "0", "--secret-id", "AKIDx", "--secret-key-file", "-"], stdin: "\n")
        #expect(emptyFile.status == 64 && emptyFile.stderr.contains("holds no key"), "\(emptyFile.stderr)")
    }

    @Test("verify lints the key id the captured request carries: an Alibaba key in a Tencent request is flagged")
    func verifyLintsCarriedId() throws {
        let capture = try TempFile("POST / HTTP/1.1\r\nHost: vpc.tencentcloudapi.com\r\nContent-Type: application/json\r\nX-TC-Action: CreateNetworkInterface\r\nX-TC-Timestamp: 1700000000\r\nX-TC-Version: 2017-03-12\r\nX-TC-Region: ap-guangzhou\r\nAuthorization: TC3-HMAC-SHA256 Credential=LTAI5tWrongCloud/2023-11-14/vpc/tc3_request, SignedHeaders=content-type;host, Signature=0000000000000000000000000000000000000000000000000000000000000000\r\nContent-Length: 2\r\n\r\n{}")
        let result = try CLI.run(["verify", capture.path, "--secret-key", "k"])
        #expect(result.stderr.contains("warning: the SecretId from the captured request does not start with AKID"), "\(result.stderr)")
        let json = try Self.json(try CLI.run(["verify", capture.path, "--secret-key", "k", "--format", "json"]))
        #expect(json["credentialWarnings"]?.arrayValue?.first?["code"]?.stringValue == "secret-id-shape")
    }

    @Test("verify takes the key from --profile or --secret-key-file and names its source")
    func verify() throws {
        // Signed by a client whose key had a trailing newline: verify with the key reproduces that finding.
        let capture = "examples/captures/secret-has-whitespace.http"
        let home = try Home([".tccli/ci.credential": #"{"secretId": "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "secretKey": "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"}"#,
                             "key": "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE\n"])
        let byProfile = try CLI.run(["verify", capture, "--profile", "ci"], env: ["HOME": home.path])
        #expect(byProfile.stderr.contains("credentials: secret key from profile file ~/.tccli/ci.credential"), "\(byProfile.stderr)")
        let byFile = try CLI.run(["verify", capture, "--secret-key-file", home.file("key"), "--format", "json"])
        #expect(try Self.json(byFile)["credentialSource"]?["secretKey"]?.stringValue == "file \(home.file("key")) (--secret-key-file)")
        #expect(byProfile.status == 1 && byFile.status == 1)
        #expect(byProfile.stdout.contains("secret-has-whitespace"), "the key from the profile was used")
    }
}
