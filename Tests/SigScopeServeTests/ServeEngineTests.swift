import Foundation
import SigScope
@testable import SigScopeServe
import Testing

/// The engine without sockets: requests signed by the library's `Signer` (as `sigscope curl`
/// signs them) are answered in each provider's envelope; the expected codes and shapes come
/// from the providers' documents (seeds, reference/signing.md §4), not from the engine.
@Suite struct ServeEngineTests {
    static let now = Timestamp(unixSeconds: 1_765_000_000)
    static let key = SecretKey("serve-test-secret")
    static let credentials = Credentials(secretId: "AKIDSERVETEST", secretKey: key)

    static func engine(inventory: ServeInventory = ServeInventory()) -> ServeEngine {
        let keys = ServeCredentials(secretId: "AKIDSERVETEST", secretKey: key)
        return ServeEngine(settings: ServeSettings(credentials: [.tencent: keys, .aliyun: keys], tc3Service: "vpc", inventory: inventory))
    }

    /// A deterministic id source (a counter through a mixing step).
    static func ids() -> IDSource {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return IDSource {
            state = state &+ 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func signed(_ provider: Provider, action: String = "CreateNetworkInterface", params: JSONObject, algorithm: SignatureAlgorithm? = nil,
                       method: HTTPMethod? = nil, at time: Timestamp = now, key: SecretKey = key, service: String? = "vpc", nonce: String = "4b3c2a1d") throws -> SentRequest {
        let request = APIRequest(provider: provider, action: action, region: provider == .tencent ? "ap-guangzhou" : nil, params: params)
        let options = SigningOptions(timestamp: time, algorithm: algorithm, method: method, endpoint: "http://127.0.0.1:8080",
                                     service: provider == .tencent && (algorithm ?? .tc3) == .tc3 ? service : nil, nonce: provider == .tencent ? "11886" : nonce)
        return try Signer.sign(request, options: options, credentials: Credentials(secretId: "AKIDSERVETEST", secretKey: key)).request
    }

    static let tencentCreate: JSONObject = [
        "VpcId": .string("vpc-0akbol5v"), "SubnetId": .string("subnet-76r802pg"), "NetworkInterfaceName": .string("demo"),
        "SecurityGroupIds": .array([.string("sg-05bb4upy")]),
        "PrivateIpAddresses": .array([.object(["PrivateIpAddress": .string("172.16.64.13"), "Primary": .bool(true)])]),
    ]
    static let aliyunCreate: JSONObject = [
        "RegionId": .string("cn-hangzhou"), "VSwitchId": .string("vsw-bp1s5fnvk4gn2tws03xx"), "SecurityGroupId": .string("sg-bp1fg655nh68xyz9ixx"),
        "NetworkInterfaceName": .string("my-eni"), "Format": .string("JSON"),
    ]

    static func json(_ exchange: ServeExchange) throws -> JSONValue {
        try JSONParser.parse(exchange.body)
    }

    @Test("a TC3 CreateNetworkInterface is accepted with the NetworkInterface model, a fresh eni- id and the given address")
    func tencentCreate() throws {
        var ids = Self.ids()
        let exchange = Self.engine().handle(try Self.signed(.tencent, params: Self.tencentCreate), now: Self.now, ids: &ids)
        #expect(exchange.verdict == .accepted)
        #expect(exchange.status == 200)
        let eni = try Self.json(exchange)["Response"]?["NetworkInterface"]
        let id = eni?["NetworkInterfaceId"]?.stringValue ?? ""
        #expect(id.hasPrefix("eni-") && id.count == 12)
        #expect(eni?["PrivateIpAddressSet"]?.arrayValue?.first?["PrivateIpAddress"]?.stringValue == "172.16.64.13")
        #expect(eni?["VpcId"]?.stringValue == "vpc-0akbol5v")
        #expect(try Self.json(exchange)["Response"]?["RequestId"]?.stringValue?.count == 36)
        // The body decodes as Tencent's typed CreateNetworkInterface result.
        let decoded = try ResponseDecoder.decode(exchange.body, provider: nil, action: "CreateNetworkInterface", entry: nil)
        #expect(decoded.outcome == .success)
    }

    @Test("a wrong secret gets Tencent's HTTP 200 AuthFailure.SignatureFailure envelope and the wrong-secret-likely finding")
    func tencentWrongSecret() throws {
        var ids = Self.ids()
        let request = try Self.signed(.tencent, params: Self.tencentCreate, key: SecretKey("another-secret"))
        let exchange = Self.engine().handle(request, now: Self.now, ids: &ids)
        #expect(exchange.status == 200)
        #expect(exchange.verdict == .rejected)
        let error = try Self.json(exchange)["Response"]?["Error"]
        #expect(error?["Code"]?.stringValue == "AuthFailure.SignatureFailure")
        #expect(exchange.findings.contains("signature-mismatch"))
        #expect(exchange.findings.contains("wrong-secret-likely"))
    }

    @Test("a request signed six minutes ago gets AuthFailure.SignatureExpire quoting the server time")
    func tencentExpired() throws {
        var ids = Self.ids()
        let request = try Self.signed(.tencent, params: Self.tencentCreate, at: Timestamp(unixSeconds: Self.now.unixSeconds - 360))
        let exchange = Self.engine().handle(request, now: Self.now, ids: &ids)
        #expect(try Self.json(exchange)["Response"]?["Error"]?["Code"]?.stringValue == "AuthFailure.SignatureExpire")
        #expect(try Self.json(exchange)["Response"]?["Error"]?["Message"]?.stringValue?.contains(String(Self.now.unixSeconds)) == true)
        #expect(exchange.findings.contains("timestamp-expired"))
    }

    @Test("a TC3 scope service other than the emulated product's gets AuthFailure.InvalidAuthorization")
    func tencentWrongService() throws {
        var ids = Self.ids()
        let request = try Self.signed(.tencent, params: Self.tencentCreate, service: "cvm")
        let exchange = Self.engine().handle(request, now: Self.now, ids: &ids)
        #expect(try Self.json(exchange)["Response"]?["Error"]?["Code"]?.stringValue == "AuthFailure.InvalidAuthorization")
        #expect(exchange.findings.contains("credential-service-mismatch"))
    }

    @Test("Tencent signature v1 over GET is verified and its flat 0-based parameters validated")
    func tencentV1() throws {
        var ids = Self.ids()
        let request = try Self.signed(.tencent, params: Self.tencentCreate, algorithm: .hmacSHA256, method: .get)
        let exchange = Self.engine().handle(request, now: Self.now, ids: &ids)
        #expect(exchange.verdict == .accepted)
        #expect(try Self.json(exchange)["Response"]?["NetworkInterface"]?["GroupSet"]?.arrayValue == [.string("sg-05bb4upy")])
    }

    @Test("a too long NetworkInterfaceName is refused with the validator's InvalidParameterValue.TooLong")
    func tencentInvalid() throws {
        var ids = Self.ids()
        var params = Self.tencentCreate
        params.members[2] = JSONMember("NetworkInterfaceName", .string(String(repeating: "n", count: 61)))
        let exchange = Self.engine().handle(try Self.signed(.tencent, params: params), now: Self.now, ids: &ids)
        #expect(exchange.verdict == .invalid)
        #expect(try Self.json(exchange)["Response"]?["Error"]?["Code"]?.stringValue == "InvalidParameterValue.TooLong")
    }

    @Test("an action serve does not emulate: Tencent InvalidAction (HTTP 200), Alibaba InvalidAction.NotFound (HTTP 404)")
    func unknownAction() throws {
        var ids = Self.ids()
        let engine = Self.engine()
        let tencent = engine.handle(try Self.signed(.tencent, action: "RunInstances", params: [:]), now: Self.now, ids: &ids)
        #expect(tencent.status == 200)
        #expect(try Self.json(tencent)["Response"]?["Error"]?["Code"]?.stringValue == "InvalidAction")
        let aliyun = engine.handle(try Self.signed(.aliyun, action: "RunInstances", params: ["RegionId": .string("cn-hangzhou"), "Format": .string("JSON")]), now: Self.now, ids: &ids)
        #expect(aliyun.status == 404)
        #expect(try Self.json(aliyun)["Code"]?.stringValue == "InvalidAction.NotFound")
    }

    @Test("Alibaba RPC with a wrong secret: HTTP 400 SignatureDoesNotMatch quoting the server's string-to-sign, with HostId and Recommend")
    func aliyunWrongSecret() throws {
        var ids = Self.ids()
        let request = try Self.signed(.aliyun, params: Self.aliyunCreate, key: SecretKey("another-secret"))
        let exchange = Self.engine().handle(request, now: Self.now, ids: &ids)
        #expect(exchange.status == 400)
        let body = try Self.json(exchange)
        #expect(body["Code"]?.stringValue == "SignatureDoesNotMatch")
        #expect(body["HostId"]?.stringValue == "ecs.aliyuncs.com")
        #expect(body["Recommend"]?.stringValue?.hasPrefix("https://") == true)
        // The quoted string-to-sign is the one the client signed (the right secret signs it to the same string).
        let clientSigned = try Signer.sign(APIRequest(provider: .aliyun, params: Self.aliyunCreate),
                                           options: SigningOptions(timestamp: Self.now, endpoint: "http://127.0.0.1:8080", nonce: "4b3c2a1d"),
                                           credentials: Self.credentials)
        let stringToSign = clientSigned.steps.first { $0.name == "stringToSign" }?.value ?? "?"
        #expect(body["Message"]?.stringValue == "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign)
        // sigscope decode reads the server's string-to-sign back out of it.
        #expect(try ResponseDecoder.decode(exchange.body, provider: .aliyun, action: nil, entry: nil).error?.serverStringToSign == stringToSign)
    }

    @Test("Alibaba answers XML for Format=XML: the <Error> document for a refusal, the <…Response> one for a success")
    func aliyunXML() throws {
        var ids = Self.ids()
        var params = Self.aliyunCreate
        params.members.removeAll { $0.key == "Format" }
        params.members.append(JSONMember("Format", .string("XML")))
        let bad = Self.engine().handle(try Self.signed(.aliyun, params: params, key: SecretKey("x")), now: Self.now, ids: &ids)
        let text = String(decoding: bad.body, as: UTF8.self)
        #expect(bad.contentType.hasPrefix("text/xml"))
        #expect(text.contains("<Error><RequestId>") && text.contains("<Code>SignatureDoesNotMatch</Code>"))
        #expect(try ResponseDecoder.decode(bad.body, provider: nil, action: nil, entry: nil).error?.code == "SignatureDoesNotMatch")
        let good = Self.engine().handle(try Self.signed(.aliyun, params: params), now: Self.now, ids: &ids)
        let decoded = try ResponseDecoder.decode(good.body, provider: nil, action: "CreateNetworkInterface", entry: nil)
        #expect(decoded.outcome == .success)
        #expect(String(decoding: good.body, as: UTF8.self).contains("<CreateNetworkInterfaceResponse><RequestId>"))
    }

    @Test("ACS3: a good request is accepted; an expired x-acs-date gets InvalidTimeStamp.Expired")
    func aliyunACS3() throws {
        var ids = Self.ids()
        let engine = Self.engine()
        let good = engine.handle(try Self.signed(.aliyun, params: Self.aliyunCreate, algorithm: .acs3), now: Self.now, ids: &ids)
        #expect(good.verdict == .accepted)
        let old = try Self.signed(.aliyun, params: Self.aliyunCreate, algorithm: .acs3, at: Timestamp(unixSeconds: Self.now.unixSeconds - 1000))
        let expired = engine.handle(old, now: Self.now, ids: &ids)
        #expect(try Self.json(expired)["Code"]?.stringValue == "InvalidTimeStamp.Expired")
        #expect(expired.status == 400)
    }

    @Test("Alibaba: a Timestamp in local time gets IllegalTimestamp, an STS key without its token MissingParameter (the gateway's codes and messages)")
    func aliyunTimestampAndToken() throws {
        var ids = Self.ids()
        var request = try Self.signed(.aliyun, params: Self.aliyunCreate)
        let utc = Self.now.iso8601.replacingOccurrences(of: ":", with: "%3A")
        let local = utc.replacingOccurrences(of: "Z", with: "%2B08%3A00")
        #expect(request.query.contains(utc) || String(decoding: request.body, as: UTF8.self).contains(utc), "the signed request carries its Timestamp")
        request.query = request.query.replacingOccurrences(of: utc, with: local)
        request.body = Array(String(decoding: request.body, as: UTF8.self).replacingOccurrences(of: utc, with: local).utf8)
        let illegal = Self.engine().handle(request, now: Self.now, ids: &ids)
        #expect(illegal.status == 400)
        #expect(illegal.findings.contains("timestamp-not-utc"), "\(illegal.findings) \(String(decoding: illegal.body, as: UTF8.self))")
        #expect(try Self.json(illegal)["Code"]?.stringValue == "IllegalTimestamp", "\(illegal.findings) \(String(decoding: illegal.body, as: UTF8.self))")
        #expect(try Self.json(illegal)["Message"]?.stringValue == "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied.")

        let keys = ServeCredentials(secretId: "AKIDSERVETEST", secretKey: Self.key, token: "sts-session-token")
        let sts = ServeEngine(settings: ServeSettings(credentials: [.aliyun: keys]))
        let missing = sts.handle(try Self.signed(.aliyun, params: Self.aliyunCreate), now: Self.now, ids: &ids)
        #expect(missing.status == 400)
        #expect(missing.findings.contains("token-header-missing"))
        #expect(try Self.json(missing)["Code"]?.stringValue == "MissingParameter")
        #expect(try Self.json(missing)["Message"]?.stringValue == "The input parameter \"SecurityToken\" that is mandatory for processing this request is not supplied.")
    }

    @Test("--reject-replays: the same signed Alibaba request (RPC or ACS3) a second time gets SignatureNonceUsed; off, it is answered again; a new nonce is fine",
          arguments: [SignatureAlgorithm.rpc, .acs3])
    func replays(algorithm: SignatureAlgorithm) throws {
        var ids = Self.ids()
        let keys = ServeCredentials(secretId: "AKIDSERVETEST", secretKey: Self.key)
        let strict = ServeEngine(settings: ServeSettings(credentials: [.aliyun: keys], rejectReplays: true))
        let request = try Self.signed(.aliyun, params: Self.aliyunCreate, algorithm: algorithm)
        #expect(strict.handle(request, now: Self.now, ids: &ids).verdict == .accepted)
        let again = strict.handle(request, now: Timestamp(unixSeconds: Self.now.unixSeconds + 60), ids: &ids)
        #expect(again.status == 400)
        #expect(again.verdict == .rejected)
        #expect(again.findings.contains("nonce-reused"))
        #expect(try Self.json(again)["Code"]?.stringValue == "SignatureNonceUsed")
        #expect(try Self.json(again)["Message"]?.stringValue == "Specified signature nonce was used already.")
        // The default: a replayed command is answered as the first time.
        let lenient = Self.engine()
        #expect(lenient.handle(request, now: Self.now, ids: &ids).verdict == .accepted)
        #expect(lenient.handle(request, now: Self.now, ids: &ids).verdict == .accepted)
        // Another nonce is another request; a wrong signature is refused as such, not as a replay.
        let other = try Self.signed(.aliyun, params: Self.aliyunCreate, algorithm: algorithm, nonce: "5d4c3b2a")
        #expect(strict.handle(other, now: Self.now, ids: &ids).verdict == .accepted)
        let wrongKey = try Self.signed(.aliyun, params: Self.aliyunCreate, algorithm: algorithm, key: SecretKey("not-the-key"))
        #expect(try Self.json(strict.handle(wrongKey, now: Self.now, ids: &ids))["Code"]?.stringValue != "SignatureNonceUsed")
    }

    @Test("the nonce ledger forgets a nonce after the 15-minute window and keeps at most its capacity")
    func nonceLedger() {
        let ledger = NonceLedger(capacity: 3)
        let start = Timestamp(unixSeconds: 1_765_000_000)
        #expect(ledger.use("a", keyId: "k", now: start))
        #expect(!ledger.use("a", keyId: "k", now: Timestamp(unixSeconds: start.unixSeconds + NonceLedger.window - 1)))
        #expect(ledger.use("a", keyId: "other-key", now: start), "per key id")
        #expect(ledger.use("a", keyId: "k", now: Timestamp(unixSeconds: start.unixSeconds + NonceLedger.window)), "the window has passed")
        for i in 0..<10 { #expect(ledger.use("n\(i)", keyId: "k", now: Timestamp(unixSeconds: start.unixSeconds + NonceLedger.window + 1))) }
        #expect(ledger.count <= 3)
    }

    @Test("a created ENI is listed by DescribeNetworkInterfaces, deleted by DeleteNetworkInterface, then unknown")
    func lifecycle() throws {
        var ids = Self.ids()
        let engine = Self.engine()
        let created = engine.handle(try Self.signed(.aliyun, params: Self.aliyunCreate), now: Self.now, ids: &ids)
        let id = try Self.json(created)["NetworkInterfaceId"]?.stringValue ?? ""
        #expect(id.hasPrefix("eni-bp") && id.count == 24)
        let listed = engine.handle(try Self.signed(.aliyun, action: "DescribeNetworkInterfaces", params: ["RegionId": .string("cn-hangzhou"), "Format": .string("JSON")]), now: Self.now, ids: &ids)
        #expect(try Self.json(listed)["NetworkInterfaceSets"]?["NetworkInterfaceSet"]?.arrayValue?.first?["NetworkInterfaceId"]?.stringValue == id)
        let deleteParams: JSONObject = ["RegionId": .string("cn-hangzhou"), "NetworkInterfaceId": .string(id), "Format": .string("JSON")]
        #expect(engine.handle(try Self.signed(.aliyun, action: "DeleteNetworkInterface", params: deleteParams), now: Self.now, ids: &ids).verdict == .accepted)
        let again = engine.handle(try Self.signed(.aliyun, action: "DeleteNetworkInterface", params: deleteParams), now: Self.now, ids: &ids)
        #expect(again.status == 404)
        #expect(try Self.json(again)["Code"]?.stringValue == "InvalidEniId.NotFound")
    }

    @Test("the same ClientToken creates one ENI; a taken address is refused with ResourceInUse")
    func idempotencyAndAddresses() throws {
        var ids = Self.ids()
        let engine = Self.engine()
        var params = Self.tencentCreate
        params.members.append(JSONMember("ClientToken", .string("token-1")))
        let first = try Self.json(engine.handle(try Self.signed(.tencent, params: params), now: Self.now, ids: &ids))
        let second = try Self.json(engine.handle(try Self.signed(.tencent, params: params), now: Self.now, ids: &ids))
        #expect(first["Response"]?["NetworkInterface"]?["NetworkInterfaceId"] == second["Response"]?["NetworkInterface"]?["NetworkInterfaceId"])
        let clash = engine.handle(try Self.signed(.tencent, params: Self.tencentCreate), now: Self.now, ids: &ids)
        #expect(try Self.json(clash)["Response"]?["Error"]?["Code"]?.stringValue == "ResourceInUse")
    }

    @Test("context: the subnet's CIDR plans the addresses, and a saved DescribeVpcs is answered back with a fresh RequestId")
    func context() throws {
        var inventory = ServeInventory()
        let subnets = #"{"Response":{"SubnetSet":[{"SubnetId":"subnet-76r802pg","VpcId":"vpc-0akbol5v","CidrBlock":"10.8.4.0/24","Zone":"ap-guangzhou-3"}],"TotalCount":1,"RequestId":"r1"}}"#
        let vpcs = #"{"Response":{"VpcSet":[{"VpcId":"vpc-0akbol5v","CidrBlock":"10.8.0.0/16"}],"TotalCount":1,"RequestId":"r2"}}"#
        #expect(try inventory.add(document: Array(subnets.utf8), source: "subnets.json").isEmpty)
        #expect(try inventory.add(document: Array(vpcs.utf8), source: "vpcs.json").isEmpty)
        inventory.contexts[.tencent] = try ContextLoader.load([ContextLoader.File(name: "subnets.json", bytes: Array(subnets.utf8)),
                                                               ContextLoader.File(name: "vpcs.json", bytes: Array(vpcs.utf8))], provider: .tencent)
        let engine = Self.engine(inventory: inventory)
        var ids = Self.ids()
        var params = Self.tencentCreate
        params.members.removeAll { $0.key == "PrivateIpAddresses" }
        params.members.append(JSONMember("SecondaryPrivateIpAddressCount", .number("2")))
        let eni = try Self.json(engine.handle(try Self.signed(.tencent, params: params), now: Self.now, ids: &ids))["Response"]?["NetworkInterface"]
        let addresses = eni?["PrivateIpAddressSet"]?.arrayValue?.compactMap { $0["PrivateIpAddress"]?.stringValue } ?? []
        #expect(addresses.count == 3)
        #expect(addresses.allSatisfy { $0.hasPrefix("10.8.4.") })
        #expect(eni?["Zone"]?.stringValue == "ap-guangzhou-3")
        let answer = try Self.json(engine.handle(try Self.signed(.tencent, action: "DescribeVpcs", params: [:]), now: Self.now, ids: &ids))
        #expect(answer["Response"]?["VpcSet"]?.arrayValue?.first?["VpcId"]?.stringValue == "vpc-0akbol5v")
        #expect(answer["Response"]?["RequestId"]?.stringValue != "r2")
    }

    @Test("a request with no signature: Tencent MissingParameter, and a non-API request a plain 400")
    func unsigned() {
        var ids = Self.ids()
        let engine = Self.engine()
        let tencent = SentRequest(method: "POST", scheme: "http", host: "127.0.0.1:8080", headers: [HTTPHeader("Host", "127.0.0.1:8080"), HTTPHeader("X-TC-Action", "DescribeVpcs")])
        let answer = engine.handle(tencent, now: Self.now, ids: &ids)
        #expect(answer.status == 200)
        #expect((try? Self.json(answer))?["Response"]?["Error"]?["Code"]?.stringValue == "MissingParameter")
        let other = engine.handle(SentRequest(method: "GET", scheme: "http", host: "127.0.0.1:8080", path: "/favicon.ico"), now: Self.now, ids: &ids)
        #expect(other.status == 400)
        #expect(other.verdict == .malformed)
    }
}
