import Foundation
import Testing
import SigScopeTestSupport
import SigScope

/// Decoding behaviour beyond the corpus: error bodies, typing, refusals, limits.
@Suite("Response decoder")
struct ResponseDecoderTests {
    private func decode(_ text: String, provider: Provider? = nil, action: String? = nil) throws(SigScopeError) -> DecodedResponse {
        try ResponseDecoder.decode(Array(text.utf8), provider: provider, action: action, entry: nil)
    }

    private func failure(_ bytes: [UInt8], provider: Provider? = nil, action: String? = nil) -> SigScopeError? {
        do {
            _ = try ResponseDecoder.decode(bytes, provider: provider, action: action, entry: nil)
            return nil
        } catch {
            return error
        }
    }

    private func failure(_ text: String, provider: Provider? = nil, action: String? = nil) -> SigScopeError? {
        failure(Array(text.utf8), provider: provider, action: action)
    }

    // MARK: - Error bodies never decode as successes

    @Test("a Tencent error is an error even when CreateNetworkInterface is expected")
    func tencentErrorWithAction() throws {
        let d = try decode("{\"Response\":{\"Error\":{\"Code\":\"LimitExceeded\",\"Message\":\"Quota limit is reached.\"},\"RequestId\":\"r\"}}", action: "CreateNetworkInterface")
        #expect(d.outcome == .error && d.result == nil)
        #expect(d.error?.code == "LimitExceeded" && d.error?.catalog?.entry.category == .quota)
    }

    @Test("an Alibaba error is an error even when CreateNetworkInterface is expected, in JSON and XML")
    func aliyunErrorWithAction() throws {
        let json = try decode("{\"RequestId\":\"r\",\"Code\":\"MaxEniCountExceeded\",\"Message\":\"m\"}", action: "CreateNetworkInterface")
        #expect(json.outcome == .error && json.result == nil)
        let xml = try decode("<Error><RequestId>r</RequestId><Code>Forbidden.SubUser</Code></Error>", action: "CreateNetworkInterface")
        #expect(xml.outcome == .error && xml.error?.code == "Forbidden.SubUser" && xml.error?.message == nil)
    }

    @Test("a failing HTTP status makes an error even when the body has no Code")
    func failingStatusWithoutCode() throws {
        let d = try decode("HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\n\r\n{\"RequestId\":\"r\"}")
        #expect(d.outcome == .error && d.error?.code == nil && d.httpStatus == 403)
        #expect(d.json["error"]?["code"] == .null)
    }

    @Test("nested error shapes are errors too, even with --provider aliyun on a Tencent error body")
    func nestedErrors() throws {
        let tencentShaped = try decode("{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\",\"Message\":\"m\"},\"RequestId\":\"r\"}}", provider: .aliyun)
        #expect(tencentShaped.outcome == .error && tencentShaped.error?.code == "AuthFailure.SignatureFailure" && tencentShaped.requestId == "r")
        let errors = try decode("<Response><Errors><Error><Code>InvalidParameter</Code><Message>bad</Message></Error></Errors><RequestID>rid</RequestID></Response>")
        #expect(errors.outcome == .error && errors.error?.code == "InvalidParameter" && errors.error?.message == "bad" && errors.requestId == "rid")
        let object = try decode("{\"Error\":{\"Code\":\"Throttling\",\"Message\":\"slow down\"},\"RequestId\":\"x\"}")
        #expect(object.outcome == .error && object.error?.catalog?.entry.category == .throttling)
    }

    @Test("Alibaba success markers (Code OK) are no error; Success false is")
    func successMarkers() throws {
        #expect(try decode("{\"RequestId\":\"r\",\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"1\"}").outcome == .success)
        #expect(try decode("{\"RequestId\":\"r\",\"Success\":false,\"Code\":\"Throttling\"}").outcome == .error)
    }

    @Test("a Tencent success without NetworkInterface is not a CreateNetworkInterface response")
    func missingNetworkInterface() {
        let error = failure("{\"Response\":{\"RequestId\":\"r\"}}", action: "CreateNetworkInterface")
        #expect(error?.code == .undecodable && error?.reason.contains("NetworkInterface") == true)
    }

    // MARK: - Typing

    @Test("types Alibaba XML values by the model and notes values that do not fit")
    func xmlTyping() throws {
        let d = try decode("""
        <CreateNetworkInterfaceResponse><RequestId>r</RequestId><NetworkInterfaceId>eni-1</NetworkInterfaceId>
        <ServiceID>007</ServiceID><ServiceManaged>maybe</ServiceManaged><SourceDestCheck></SourceDestCheck>
        <OwnerId>42</OwnerId></CreateNetworkInterfaceResponse>
        """)
        guard case .aliyunCreateNetworkInterface(let result)? = d.result else {
            Issue.record("not typed")
            return
        }
        #expect(result.serviceID == 7 && result.fields["ServiceID"] == .number("7"))
        #expect(result.serviceManaged == nil && result.fields["ServiceManaged"] == .string("maybe"))
        #expect(result.fields["SourceDestCheck"] == .null)
        #expect(result.ownerId == "42")
        #expect(d.notes.contains { $0.contains("ServiceManaged") })
    }

    @Test("a note names the value by its path: members joined by dots, list positions in brackets")
    func notePaths() throws {
        let d = try decode("""
        {"Response": {"RequestId": "r", "TotalCount": 1.5, "SubnetSet": [
          {"SubnetId": "subnet-1", "TagSet": [{"Key": "k", "Value": "v"}, {"Key": true, "Value": "v"}]},
          {"SubnetId": "subnet-2", "AvailableIpAddressCount": "x1", "IsDefault": "no", "TagSet": []}]}}
        """)
        #expect(d.notes == [
            "TotalCount: the number 1.5 is not an integer as the model says; kept as it is",
            "SubnetSet[0].TagSet[1].Key: a boolean where the model has a string; shown as text",
            "SubnetSet[1].AvailableIpAddressCount: \"x1\" is not an integer as the model says; kept as text",
            "SubnetSet[1].IsDefault: \"no\" is not a boolean as the model says; kept as text",
        ])
        guard case .describe(let result)? = d.result else {
            Issue.record("not typed")
            return
        }
        // Kept as they came; the boolean where a string belongs is shown as text.
        #expect(result.fields["TotalCount"] == .number("1.5"))
        #expect(result.fields["SubnetSet"]?.arrayValue?[0]["TagSet"]?.arrayValue?[1]["Key"] == .string("true"))
        #expect(result.fields["SubnetSet"]?.arrayValue?[1]["IsDefault"] == .string("no"))

        let created = try decode("""
        {"Response": {"RequestId": "r", "NetworkInterface": {"NetworkInterfaceId": "eni-1", "Primary": "yes",
          "PrivateIpAddressSet": [{"PrivateIpAddress": "10.0.0.2", "Primary": 1}]}}}
        """)
        #expect(created.notes == [
            "NetworkInterface.Primary: \"yes\" is not a boolean as the model says; kept as text",
            "NetworkInterface.PrivateIpAddressSet[0].Primary: number where the model has a boolean; kept as it is",
        ])
    }

    @Test("integers given as text take their canonical literal: sign kept, a plus and leading zeros dropped")
    func integerLiterals() throws {
        for (text, literal) in [("12", "12"), ("-12", "-12"), ("+12", "12"), ("007", "7"), ("-007", "-7"), ("0", "0"), ("-0", "0"),
                                ("000", "0"), (" 42 ", "42"), ("18446744073709551616", "18446744073709551616")] {
            let d = try decode("<CreateNetworkInterfaceResponse><RequestId>r</RequestId><NetworkInterfaceId>eni-1</NetworkInterfaceId><ServiceID>\(text)</ServiceID></CreateNetworkInterfaceResponse>")
            guard case .aliyunCreateNetworkInterface(let result)? = d.result else {
                Issue.record("not typed")
                return
            }
            #expect(result.fields["ServiceID"] == .number(literal), "\(text)")
            #expect(d.notes.isEmpty, "\(text)")
        }
        for text in ["1.0", "1e3", "12a", "-", "+", "--1", "0x10", "\u{FF11}"] {
            let d = try decode("<CreateNetworkInterfaceResponse><RequestId>r</RequestId><NetworkInterfaceId>eni-1</NetworkInterfaceId><ServiceID>\(text)</ServiceID></CreateNetworkInterfaceResponse>")
            guard case .aliyunCreateNetworkInterface(let result)? = d.result else {
                Issue.record("not typed")
                return
            }
            #expect(result.fields["ServiceID"] == .string(text), "\(text)")
            #expect(d.notes == ["ServiceID: \"\(text)\" is not an integer as the model says; kept as text"], "\(text)")
        }
        // A JSON number for an integer field: any integer literal stays as written, a fraction is noted.
        for (body, notes) in [("-0", [String]()), ("12", []), ("-3", []), ("1.5", ["ServiceID: the number 1.5 is not an integer as the model says; kept as it is"])] {
            let d = try decode("{\"RequestId\":\"r\",\"NetworkInterfaceId\":\"e\",\"ServiceID\":\(body)}")
            guard case .aliyunCreateNetworkInterface(let result)? = d.result else {
                Issue.record("not typed")
                return
            }
            #expect(result.fields["ServiceID"] == .number(body))
            #expect(d.notes == notes, "\(body)")
        }
    }

    @Test("accepts Alibaba lists already given as plain arrays, and a wrapper holding one bare element")
    func plainAndSingleLists() throws {
        let d = try decode("{\"RequestId\":\"r\",\"NetworkInterfaceId\":\"e\",\"SecurityGroupIds\":[\"sg-1\",\"sg-2\"],\"Tags\":{\"Tag\":{\"TagKey\":\"k\",\"TagValue\":\"v\"}}}")
        guard case .aliyunCreateNetworkInterface(let result)? = d.result else {
            Issue.record("not typed")
            return
        }
        #expect(result.securityGroupIds == ["sg-1", "sg-2"])
        #expect(result.tags == [AliyunCreateNetworkInterfaceResult.Tag(tagKey: "k", tagValue: "v")])
        #expect(d.notes.isEmpty)
    }

    @Test("types Alibaba JSON numbers given for string fields as strings")
    func jsonNumberAsString() throws {
        let d = try decode("{\"RequestId\":\"r\",\"NetworkInterfaceId\":\"eni-1\",\"OwnerId\":1234567890123}", action: "CreateNetworkInterface")
        #expect(d.json["result"]?["OwnerId"] == .string("1234567890123"))
    }

    @Test("exposes the typed Tencent model: Attachment, lists, unknown fields")
    func tencentTyped() throws {
        let d = try decode("""
        {"Response":{"NetworkInterface":{"NetworkInterfaceId":"eni-1","EniType":2,"Attachment":{"InstanceId":"ins-1","DeviceIndex":1},
        "PrivateIpAddressSet":[{"PrivateIpAddress":"10.0.0.3","Primary":true}],"TagSet":[{"Key":"k","Value":"v"}],"Novel":1},"RequestId":"r"}}
        """)
        guard case .tencentCreateNetworkInterface(let result)? = d.result else {
            Issue.record("not typed")
            return
        }
        let ni = result.networkInterface
        #expect(ni.networkInterfaceId == "eni-1" && ni.eniType == 2)
        #expect(ni.attachment?.instanceId == "ins-1" && ni.attachment?.deviceIndex == 1)
        #expect(ni.privateIpAddressSet.first?.primary == true)
        #expect(ni.tagSet == [TencentCreateNetworkInterfaceResult.Tag(key: "k", value: "v")])
        #expect(ni.additionalFields["Novel"] == .number("1"))
        #expect(result.requestId == "r")
    }

    // MARK: - Provider and action

    @Test("--provider tencent on XML, or on a body without Response, cannot decode")
    func wrongProvider() {
        #expect(failure("<Error><Code>X</Code></Error>", provider: .tencent)?.reason.contains("JSON") == true)
        #expect(failure("{\"RequestId\":\"r\"}", provider: .tencent)?.code == .undecodable)
    }

    @Test("a JSON body neither provider could have sent asks for the provider")
    func unknownProvider() {
        let error = failure("{\"status\": \"ok\"}")
        #expect(error?.code == .undecodable && error?.subject == .provider && error?.reason.hasSuffix("give the provider") == true)
        #expect(failure("[1, 2]")?.code == .undecodable)
    }

    @Test("--action overrides the inferred action; a differently cased name still selects the typed model")
    func actionOverride() throws {
        let d = try decode("<CreateNetworkInterfaceResponse><RequestId>r</RequestId><NetworkInterfaceId>e</NetworkInterfaceId></CreateNetworkInterfaceResponse>", action: "createnetworkinterface")
        #expect(d.action == "CreateNetworkInterface" && d.actionSource == .option && d.result?.isTyped == true)
        let generic = try decode("<CreateNetworkInterfaceResponse><RequestId>r</RequestId></CreateNetworkInterfaceResponse>", action: "DescribeThings")
        #expect(generic.action == "DescribeThings" && generic.result?.isTyped == false)
    }

    // MARK: - Undecodable input

    @Test("an HTML error page, an empty body and plain text are undecodable, with the HTTP status")
    func notAnAPIResponse() {
        let html = failure("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n\r\n<!DOCTYPE html><html><body>502</body></html>")
        #expect(html?.code == .undecodable && html?.reason.contains("HTTP 502") == true && html?.reason.contains("HTML") == true)
        let empty = failure("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
        #expect(empty?.code == .undecodable && empty?.reason.contains("empty body") == true)
        #expect(failure("Service Unavailable")?.code == .undecodable)
        #expect(failure("")?.code == .undecodable)
    }

    @Test("locates a JSON error in an HTTP body by its line in the file")
    func jsonErrorLine() {
        let error = failure("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\r\n  \"Response\": {,}\r\n}")
        #expect(error?.code == .undecodable && error?.line == 5)
    }

    @Test("refuses an unsupported charset with advice")
    func unsupportedCharset() {
        let error = failure("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=gbk\r\n\r\n{}")
        #expect(error?.reason.contains("iconv") == true)
    }

    @Test("refuses 100,000-deep JSON and XML, and a 50 MB body, quickly with limit-exceeded")
    func limits() {
        let deepJSON = Hostile.deepJSON(100_000), deepXML = Hostile.deepXML(100_000), bigJSON = Hostile.bigJSON(50_000_000)
        let start = ContinuousClock.now
        #expect(failure(deepJSON)?.code == .limitExceeded)
        #expect(failure(deepXML)?.code == .limitExceeded)
        let big = failure(bigJSON)
        #expect(big?.code == .limitExceeded && big?.reason.contains("limit") == true)
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test("refuses hostile XML with a message that names the DOCTYPE")
    func hostileXML() {
        for document in [Hostile.billionLaughs, Hostile.externalEntity("file:///etc/passwd"), Hostile.externalDTD("http://127.0.0.1:9/x.dtd")] {
            let error = failure(document)
            #expect(error?.code == .undecodable && error?.reason.contains("DOCTYPE") == true)
        }
    }

    // MARK: - Output

    @Test("extracts the server's string-to-sign after the first colon following the phrase")
    func serverStringToSign() {
        #expect(DecodedAPIError.serverStringToSign(in: "Specified signature is not matched with our calculation. server string to sign is:GET&%2F&A%3Db") == "GET&%2F&A%3Db")
        #expect(DecodedAPIError.serverStringToSign(in: "… Server String To Sign Is: POST&%2F&x ") == "POST&%2F&x")
        #expect(DecodedAPIError.serverStringToSign(in: "Specified signature is not matched with our calculation.") == nil)
        #expect(DecodedAPIError.serverStringToSign(in: "İİİ ß server string to sign is:GET&%2F&x") == "GET&%2F&x", "non-ASCII text before the phrase")
        let error = DecodedAPIError(code: "SignatureDoesNotMatch", message: nil, serverStringToSign: "GET&%2F&Action%3DDescribeRegions%26Timestamp%3D2016-02-23T12%253A46%253A24Z")
        #expect(error.serverCanonicalizedQuery?.method == "GET")
        #expect(error.serverCanonicalizedQuery?.parameters.map { "\($0.name)=\($0.value)" } == ["Action=DescribeRegions", "Timestamp=2016-02-23T12:46:24Z"])
    }

    @Test("the text report of an error gives code, meaning, category, retryability and hint")
    func errorReport() throws {
        let d = try decode("{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureExpire\",\"Message\":\"Signature expired.\"},\"RequestId\":\"r-1\"}}")
        let text = d.report()
        for piece in ["API error", "r-1", "AuthFailure.SignatureExpire", "Signature expired; Timestamp and server time differ by more than 5 minutes",
                      "signature", "retryable", "current time", "HTTP status"] {
            #expect(text.contains(piece), "missing \(piece)")
        }
    }

    @Test("the text report of a success lists the fields as paths")
    func successReport() throws {
        let d = try decode("{\"Response\":{\"NetworkInterface\":{\"NetworkInterfaceId\":\"eni-1\",\"EniType\":0,\"GroupSet\":[\"sg-1\"],\"Zone\":\"\"},\"RequestId\":\"r\"}}")
        let text = d.report()
        #expect(text.contains("success"))
        #expect(text.contains("NetworkInterfaceId") && text.contains("eni-1"))
        #expect(text.contains("GroupSet[0]") && text.contains("sg-1"))
        #expect(text.contains("0 (secondary ENI)"))
        #expect(text.contains("\"\""), "an empty string is shown quoted")
    }
}

/// Large but legitimate responses.
@Suite("Large responses")
struct LargeResponseTests {
    @Test("decodes an XML body over 10 MB (libxml2's single-lookup limit) with thousands of list elements")
    func largeXML() throws {
        let item = "<NetworkInterfaceSet><NetworkInterfaceId>eni-0</NetworkInterfaceId><Status>Available</Status><Description>"
            + String(repeating: "d", count: 1500) + "</Description></NetworkInterfaceSet>"
        let count = 7000
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeNetworkInterfacesResponse><RequestId>r</RequestId><NetworkInterfaceSets>"
        text.reserveCapacity(count * item.utf8.count + 200)
        for _ in 0..<count { text += item }
        text += "</NetworkInterfaceSets></DescribeNetworkInterfacesResponse>"
        #expect(text.utf8.count > 10_000_000)
        let decoded = try ResponseDecoder.decode(Array(text.utf8), provider: nil, action: nil, entry: nil)
        #expect(decoded.action == "DescribeNetworkInterfaces")
        #expect(decoded.json["result"]?["NetworkInterfaceSets"]?.arrayValue?.count == count)
    }
}
