/// Offline knowledge of the providers' error codes: what each means, what kind of problem
/// it is, whether sending the request again can help, and what to do about it.
///
/// It holds every code of the two API documents sigscope is built from (Tencent VPC and
/// Alibaba ECS `CreateNetworkInterface` error tables) and the common authentication and
/// request codes of both providers (reference `signing.md` §4). `meaning` is the
/// document's own description (Alibaba's Chinese descriptions translated); `hint` is
/// sigscope's advice.
package enum ErrorCatalog {
    /// What kind of problem a code reports.
    package enum Category: String, Sendable, CaseIterable, Equatable {
        /// The credentials or the caller's permissions.
        case auth
        /// The signature, or the timestamp and nonce it covers.
        case signature
        /// A parameter's name, value or format.
        case parameter
        /// A quota or count limit.
        case quota
        /// A resource's existence, state or placement.
        case resource
        /// The call rate.
        case throttling
        /// A fault on the provider's side.
        case `internal`
    }

    /// One error code.
    package struct Entry: Sendable, Equatable {
        /// The provider that returns the code.
        package var provider: Provider
        /// The code, e.g. `AuthFailure.SignatureExpire`.
        package var code: String
        /// What the code means, from the provider's documentation.
        package var meaning: String
        /// What kind of problem it is.
        package var category: Category
        /// Whether sending the request again (re-signed, unchanged otherwise) can succeed.
        package var retryable: Bool
        /// What to do about it; it may send the reader to an entry point (`Verifier.verify`),
        /// which a front end names its own way.
        package var hint: SigScopeMessage
        /// The HTTP status the documentation gives for it, if any.
        package var httpStatus: Int?
        /// The message text the documentation quotes, if any.
        package var documentedMessage: String?
        /// Where the code and its meaning come from.
        package var source: String
    }

    /// A catalog entry found for a code: exactly, or through its family (the code with its
    /// last `.Part` removed, e.g. `MissingParameter.CommandId` → `MissingParameter`).
    package struct Match: Sendable, Equatable {
        /// The entry found.
        package var entry: Entry
        /// True when `entry.code` is the code itself, false for a family match.
        package var exact: Bool
    }

    /// The entry for exactly `code` of `provider`, nil when the catalog does not have it.
    package static func entry(provider: Provider, code: String) -> Entry? {
        index[Key(provider: provider, code: code)]
    }

    /// The entry for `code`, or else for its nearest family (`A.B.C` → `A.B` → `A`).
    package static func lookup(provider: Provider, code: String) -> Match? {
        if let entry = entry(provider: provider, code: code) { return Match(entry: entry, exact: true) }
        var parts = code.split(separator: ".", omittingEmptySubsequences: false)
        while parts.count > 1 {
            parts.removeLast()
            if let entry = entry(provider: provider, code: parts.joined(separator: ".")) {
                return Match(entry: entry, exact: false)
            }
        }
        return nil
    }

    /// Every entry, Tencent first, each provider's in catalog order.
    package static var entries: [Entry] { tencent + aliyun }

    private struct Key: Hashable {
        var provider: Provider
        var code: String
    }

    private static let index: [Key: Entry] = {
        var index: [Key: Entry] = [:]
        for entry in tencent + aliyun { index[Key(provider: entry.provider, code: entry.code)] = entry }
        return index
    }()

    // MARK: - Tencent Cloud

    private static let tencentSeed = "Tencent VPC CreateNetworkInterface API document, error codes"
    private static let tencentCommon = "Tencent Cloud API 3.0 common error codes (the API documentation's \"Error Codes\" page)"

    private static func tc(_ code: String, _ meaning: String, _ category: Category, retry: Bool, _ hint: SigScopeMessage, message: String? = nil, source: String = tencentSeed) -> Entry {
        Entry(provider: .tencent, code: code, meaning: meaning, category: category, retryable: retry, hint: hint, httpStatus: nil, documentedMessage: message, source: source)
    }

    private static let tencent: [Entry] = [
        // Authentication and signature (signing.md §4.1).
        tc("AuthFailure.SignatureFailure", "Invalid signature; signature calculation error", .signature, retry: false,
           "The server computed a different signature. Run \(operation: .verify) on the captured request: usual causes are a body re-serialised after signing, a Content-Type charset added or dropped, the credential-scope date in local time instead of UTC, the wrong service in the scope, or a wrong SecretKey. Signature v1 also fails this way on large requests; use TC3-HMAC-SHA256.",
           message: "The provided credentials could not be validated. Please check your signature is correct.", source: tencentCommon),
        tc("AuthFailure.SignatureExpire", "Signature expired; Timestamp and server time differ by more than 5 minutes", .signature, retry: false,
           "The clock is off by more than 5 minutes: sign with the current time (X-TC-Timestamp in Unix seconds, not milliseconds) and keep the clock synchronised with NTP. The message gives the server's time.",
           source: tencentCommon),
        tc("AuthFailure.SecretIdNotFound", "Key does not exist; check for deletion, disabling, or surrounding whitespace", .auth, retry: false,
           "The SecretId is unknown: check it was copied without spaces or line breaks, has not been deleted or disabled, and is a Cloud API key (AKID…), not an app ID.",
           message: "The SecretId is not found, please ensure that your SecretId is correct.", source: tencentCommon),
        tc("AuthFailure.InvalidSecretId", "Invalid key (not a TencentCloud API key type)", .auth, retry: false,
           "Use an API key created in the CAM console (API Key Management), not a product-specific or application key.", source: tencentCommon),
        tc("AuthFailure.TokenFailure", "Token error (X-TC-Token / STS)", .auth, retry: false,
           "The temporary credential's token is wrong or expired: send the token issued with this SecretId and SecretKey in X-TC-Token, and fetch new temporary credentials once they expire.", source: tencentCommon),
        tc("AuthFailure.InvalidAuthorization", "The `Authorization` header is invalid", .signature, retry: false,
           "The Authorization header must read `TC3-HMAC-SHA256 Credential=<SecretId>/<UTC date>/<service>/tc3_request, SignedHeaders=…, Signature=…`, with the service of the endpoint (vpc for vpc.tencentcloudapi.com); an IP address as the endpoint gives the wrong service.",
           message: "The request `Authorization` header does not conform to tencentcloud standards: `Service` in Credential not valid.", source: tencentCommon),
        tc("AuthFailure.MFAFailure", "MFA failed", .auth, retry: false,
           "The operation requires multi-factor authentication; complete MFA for the sub-account or use credentials that do not require it.", source: tencentCommon),
        tc("AuthFailure.UnauthorizedOperation", "CAM denies the request", .auth, retry: false,
           "The sub-account's CAM policy does not allow this action on this resource; ask the account owner to grant it (e.g. vpc:CreateNetworkInterface).", source: tencentCommon),
        // Common request codes (signing.md §4.1).
        tc("InvalidParameter", "Parameter error (wrong parameter format or type)", .parameter, retry: false,
           "A parameter has the wrong type or format (e.g. a string where a list is expected); check the request body against the API's parameter table. \(operation: .validate) checks the documented rules offline.", source: tencentCommon),
        tc("UnknownParameter", "Unknown parameter", .parameter, retry: false,
           "A parameter name is not part of this action: remove it or fix its spelling and case.", source: tencentCommon),
        tc("InvalidAction", "The API does not exist", .parameter, retry: false,
           "Check X-TC-Action (e.g. CreateNetworkInterface) and that the endpoint's product has this action (vpc.tencentcloudapi.com for VPC).", source: tencentCommon),
        tc("NoSuchVersion", "The API version does not exist", .parameter, retry: false,
           "Send the product's version in X-TC-Version: 2017-03-12 for VPC.", source: tencentCommon),
        tc("UnsupportedRegion", "The API does not support this region", .parameter, retry: false,
           "Check X-TC-Region (e.g. ap-guangzhou) against the product's region list.", source: tencentCommon),
        tc("UnsupportedProtocol", "Unsupported request method: only GET and POST are supported", .parameter, retry: false,
           "Send the request with GET or POST over HTTPS.", source: tencentCommon),
        tc("RequestLimitExceeded", "The request rate exceeds the limit", .throttling, retry: true,
           "Too many requests per second: back off (exponentially, with jitter) and retry.", source: tencentCommon),
        tc("RequestSizeLimitExceeded", "The request is too large", .parameter, retry: false,
           "GET requests are limited to 32 KB; send large requests with POST and a JSON body.", source: tencentCommon),
        tc("InvalidRequest", "The request is invalid (malformed multipart body)", .parameter, retry: false,
           "The multipart/form-data body is malformed; for this API send POST with Content-Type application/json instead.", source: tencentCommon),
        tc("InternalError", "Internal error", .internal, retry: true,
           "A server-side fault: retry with backoff; if it persists, report the RequestId to support.", source: tencentCommon),
        // The CreateNetworkInterface document's table.
        tc("FailedOperation.NetDetectTimeOut", "Network probe timed out. Please retry later.", .internal, retry: true,
           "A network probe on the server side timed out; wait a few seconds and send the request again."),
        tc("InvalidParameter.FilterInvalidKey", "The specified filter condition does not exist.", .parameter, retry: false,
           "Use only the filter names the action documents in Filters.N.Name; check spelling and case."),
        tc("InvalidParameter.FilterNotDict", "The specified filter condition should be a key-value pair.", .parameter, retry: false,
           "Send each filter as an object {\"Name\": …, \"Values\": […]}."),
        tc("InvalidParameterValue", "The parameter value is invalid.", .parameter, retry: false,
           "A value has the wrong format or is not allowed: compare each value with the parameter table (IDs such as vpc-0akbol5v and subnet-76r802pg must exist in the region). \(operation: .validate) checks the documented rules offline."),
        tc("InvalidParameterValue.LimitExceeded", "The parameter value exceeds the limit.", .parameter, retry: false,
           "A list or number is above its maximum (e.g. more than 10 PrivateIpAddresses in one call): send fewer or split the request."),
        tc("InvalidParameterValue.Malformed", "Invalid input parameter format.", .parameter, retry: false,
           "An ID or address is malformed: check the value the message names for typos and stray spaces (IDs look like sg-05bb4upy, IPs like 172.16.64.13)."),
        tc("InvalidParameterValue.Range", "The parameter value is not in the specified range.", .parameter, retry: false,
           "A value is outside its allowed range or set (QosLevel is PT, AU, AG or DEFAULT; TrunkingFlag is Enable or Disable; private IPs must lie in the subnet's CIDR)."),
        tc("InvalidParameterValue.Reserved", "The parameter value is retained by the system.", .parameter, retry: false,
           "The value (often an IP address the subnet reserves, such as its first or last addresses) cannot be used; choose another."),
        tc("InvalidParameterValue.TagDuplicateKey", "Duplicate tag keys.", .parameter, retry: false,
           "Each tag key may appear only once in Tags; remove or merge the duplicate."),
        tc("InvalidParameterValue.TagDuplicateResourceType", "Duplicate tag resource type.", .parameter, retry: false,
           "The same resource type appears twice in the tagging request; list it once."),
        tc("InvalidParameterValue.TagInvalidKey", "Invalid tag key.", .parameter, retry: false,
           "The tag key is empty, too long, contains characters that are not allowed, or uses a reserved prefix; fix the key."),
        tc("InvalidParameterValue.TagInvalidKeyLen", "Invalid tag key length.", .parameter, retry: false,
           "Shorten the tag key to the allowed length."),
        tc("InvalidParameterValue.TagInvalidVal", "Invalid tag key.", .parameter, retry: false,
           "Despite the documented text, this code is about the tag value: it is too long or contains characters that are not allowed; fix the Value."),
        tc("InvalidParameterValue.TagKeyNotExists", "The tag key does not exist.", .parameter, retry: false,
           "Check the tag key's spelling, or create the key in Tag management first."),
        tc("InvalidParameterValue.TagNotAllocatedQuota", "Tags are not assigned quotas.", .quota, retry: false,
           "The account has no tag quota for this: request tag quota, or leave Tags out."),
        tc("InvalidParameterValue.TagNotExisted", "The Tag does not exist.", .parameter, retry: false,
           "The key/value pair does not exist; check both, or create the tag first."),
        tc("InvalidParameterValue.TagNotSupportTag", "Unsupported tag.", .parameter, retry: false,
           "This tag cannot be bound to this resource; remove it from Tags."),
        tc("InvalidParameterValue.TagResourceFormatError", "Tag resource format error.", .parameter, retry: false,
           "The tagging data is malformed: send Tags as [{\"Key\": …, \"Value\": …}]."),
        tc("InvalidParameterValue.TagTimestampExceeded", "Exceeded the quota of tag timestamp.", .quota, retry: true,
           "A time-based tag quota was used up; wait before retrying and avoid changing the same resource's tags in quick succession."),
        tc("InvalidParameterValue.TagValNotExists", "The tag value does not exist.", .parameter, retry: false,
           "Check the tag value's spelling, or create it in Tag management first."),
        tc("InvalidParameterValue.TooLong", "Invalid parameter value. The parameter value is too long.", .parameter, retry: false,
           "A string is over its limit (NetworkInterfaceName and NetworkInterfaceDescription allow 60 characters); shorten it. \(operation: .validate) reports this offline."),
        tc("LimitExceeded", "Quota limit is reached.", .quota, retry: false,
           "A quota is used up (DescribeVpcLimits shows them): delete unused resources or request a higher quota."),
        tc("LimitExceeded.ActionLimited", "Too often API invocations", .throttling, retry: true,
           "The action's call rate was exceeded (CreateNetworkInterface allows 100 requests per second): back off and retry."),
        tc("LimitExceeded.NetworkInterfaceLimitExceeded", "The number of elastic network interfaces created in the VPC exceeds the quota.", .quota, retry: false,
           "Delete unused ENIs in the VPC or request a higher ENI quota (DescribeVpcLimits shows it)."),
        tc("LimitExceeded.TagKeyExceeded", "Reached the upper limit of tag keys.", .quota, retry: false,
           "The account has as many tag keys as allowed; reuse an existing key or delete unused ones."),
        tc("LimitExceeded.TagKeyPerResourceExceeded", "Reached the upper limit of tags keys per resource.", .quota, retry: false,
           "The resource would carry too many tag keys; send fewer Tags."),
        tc("LimitExceeded.TagNotEnoughQuota", "Insufficient tag quota.", .quota, retry: false,
           "Not enough tag quota is left for these tags; send fewer or request more quota."),
        tc("LimitExceeded.TagQuota", "Exceeded the tag quota. Unable to create resources.", .quota, retry: false,
           "The tag quota is used up, so the tagged resource cannot be created; free tag quota or create it without Tags."),
        tc("LimitExceeded.TagQuotaExceeded", "Reached the upper limit of tag quota.", .quota, retry: false,
           "The tag quota is used up; delete unused tags or request more quota."),
        tc("LimitExceeded.TagTagsExceeded", "Reached the number limit of tag keys.", .quota, retry: false,
           "Too many tag keys; send fewer Tags or delete unused keys."),
        tc("MissingParameter", "Missing parameter.", .parameter, retry: false,
           "A required parameter is absent (CreateNetworkInterface needs VpcId, SubnetId and NetworkInterfaceName); the message names it. A request missing SecretId also gets this code."),
        tc("ResourceInUse", "The resource is occupied.", .resource, retry: false,
           "The resource (often a private IP given in PrivateIpAddresses) is already in use; choose a free one."),
        tc("ResourceInsufficient", "Insufficient resources.", .resource, retry: true,
           "The provider lacks capacity for this right now; retry later or use another zone."),
        tc("ResourceInsufficient.Subnet", "The subnet does not have sufficient IPs.", .resource, retry: false,
           "The subnet has too few free IPs: request fewer secondary IPs, free addresses, or use a larger subnet."),
        tc("ResourceNotFound", "The resource does not exist.", .resource, retry: false,
           "An ID (VpcId, SubnetId, security group) does not exist in this region: check the ID and X-TC-Region."),
        tc("UnsupportedOperation", "Unsupported operation.", .parameter, retry: false,
           "The operation is not allowed for this resource or configuration; the message says which."),
        tc("UnsupportedOperation.IdempotentParameterMismatch", "The specified customer token has been used.", .parameter, retry: false,
           "This ClientToken was already used with different parameters: use a new ClientToken for a new request, and reuse it only to retry the identical request."),
        tc("UnsupportedOperation.IdempotentProcessing", "The previous idempotent request is still being processed. Please try again later.", .resource, retry: true,
           "A request with the same ClientToken is still running: wait, then retry with the same ClientToken."),
        tc("UnsupportedOperation.ResourceMismatch", "The resource ID entered does not match with any resource bound with the IP. Check and try again.", .resource, retry: false,
           "The resource ID does not belong to the IP given; check which resource the IP is bound to."),
        tc("UnsupportedOperation.TagAllocate", "Tags are being assigned.", .resource, retry: true,
           "Tags are still being assigned to the resource; wait until that finishes, then retry."),
        tc("UnsupportedOperation.TagFree", "Tags are being released.", .resource, retry: true,
           "Tags are still being released from the resource; wait until that finishes, then retry."),
        tc("UnsupportedOperation.TagNotPermit", "Unauthorized for this tag.", .auth, retry: false,
           "The caller's CAM policy does not allow this tag; grant tag permissions or use another tag."),
        tc("UnsupportedOperation.TagSystemReservedTagKey", "The specified tag key is reserved for system usage.", .parameter, retry: false,
           "Choose a tag key without a system-reserved prefix."),
    ]

    // MARK: - Alibaba Cloud

    private static let aliyunSeed = "Alibaba ECS CreateNetworkInterface API document, error codes"
    private static let aliyunCommon = "Alibaba Cloud common error codes (the signature documentation's error codes)"
    private static let aliyunGateway = "Alibaba Cloud API gateway common codes (not in the reference)"
    private static let aliyunValidation = "ECS error codes for the same checks on other ECS API pages (TagResources, CreateDisk, RunInstances, AssignPrivateIpAddresses)"

    private static func ali(_ code: String, _ meaning: String, _ category: Category, retry: Bool, status: Int?, message: String?, _ hint: SigScopeMessage, source: String = aliyunSeed) -> Entry {
        Entry(provider: .aliyun, code: code, meaning: meaning, category: category, retryable: retry, hint: hint, httpStatus: status, documentedMessage: message, source: source)
    }

    private static let aliyun: [Entry] = [
        // Authentication and signature (signing.md §4.2).
        ali("SignatureDoesNotMatch", "The signature in the request does not match the one the server calculated.", .signature, retry: false, status: 400,
            message: "Specified signature is not matched with our calculation.",
            "Compare the server's string-to-sign (quoted in the message) with yours, e.g. \(operation: .verify, with: [.serverError]): equal strings mean the AccessKeySecret is wrong (the SDK then reports InvalidAccessKeySecret); a difference shows the canonicalisation bug (space as + instead of %20, * or ~ encoded wrongly, the second encoding pass missing, GET signed but POST sent). The HMAC-SHA1 key is the secret followed by &.",
            source: aliyunCommon),
        ali("IncompleteSignature", "The request signature does not conform to Aliyun standards.", .signature, retry: false, status: 400,
            message: "The request signature does not conform to Aliyun standards.",
            "A signature parameter is missing or malformed (Signature, SignatureMethod=HMAC-SHA1, SignatureVersion=1.0, SignatureNonce, Timestamp, AccessKeyId), or the Signature was not percent-encoded in the URL; compare the server's string-to-sign with yours.",
            source: aliyunCommon),
        ali("InvalidTimeStamp.Expired", "The client time and the server time differ by more than 15 minutes.", .signature, retry: false, status: 400,
            message: "Specified time stamp or date value is expired.",
            "Sign with the current time in UTC (Timestamp=yyyy-MM-ddTHH:mm:ssZ, not local time) and keep the clock synchronised with NTP.",
            source: aliyunCommon),
        ali("SignatureNonceUsed", "The SignatureNonce was already used; a nonce must not repeat within 15 minutes.", .signature, retry: true, status: 400,
            message: "Specified signature nonce was used already.",
            "Send a fresh random SignatureNonce (a UUID) with every request, retries included; timestamp-based nonces (date +%s%N on BusyBox) repeat.",
            source: aliyunCommon),
        ali("InvalidAccessKeyId.NotFound", "The AccessKey ID does not exist.", .auth, retry: false, status: 404,
            message: "Specified access key is not found.",
            "Check the AccessKeyId for copy errors (spaces, brackets, line breaks) and that the key has not been deleted.",
            source: aliyunCommon),
        ali("InvalidAccessKeyId", "The AccessKey ID is not found or is invalid.", .auth, retry: false, status: nil,
            message: "Specified access key is not found or invalid.",
            "Check the AccessKeyId is copied exactly and is enabled in the RAM console.",
            source: aliyunCommon),
        ali("IllegalTimestamp", "The Timestamp parameter is missing or not in the required format.", .signature, retry: false, status: 400,
            message: "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied.",
            "Send Timestamp as UTC ISO 8601, yyyy-MM-ddTHH:mm:ssZ (percent-encoded in the URL as 2016-02-23T12%3A46%3A24Z).",
            source: aliyunCommon),
        ali("InvalidAccessKeySecret", "The AccessKeySecret is wrong: the server's string-to-sign equals the client's, so only the key differs (reported by the SDK, not the server).", .auth, retry: false, status: nil,
            message: "The AccessKeySecret is incorrect. Please check your AccessKeyId and AccessKeySecret.",
            "Use the AccessKeySecret that belongs to this AccessKeyId, copied without spaces or line breaks; for signature V2 the HMAC key is the secret followed by &.",
            source: aliyunCommon),
        ali("UnsupportedOperation", "The specified action is not supported.", .parameter, retry: false, status: nil,
            message: "The specified action is not supported.",
            "Check the Action name and that the endpoint's product has it (CreateNetworkInterface is an ECS action at ecs.aliyuncs.com, version 2014-05-26).",
            source: aliyunCommon),
        // The CreateNetworkInterface document's table.
        ali("MissingParameter", "A required parameter is missing.", .parameter, retry: false, status: 400,
            message: "The input parameter that is mandatory for processing this request is not supplied.",
            "CreateNetworkInterface needs RegionId, VSwitchId and SecurityGroupId (or SecurityGroupIds.N); a code such as MissingParameter.CommandId names the missing parameter."),
        ali("UnsupportedParameter", "The parameter does not exist or is not supported.", .parameter, retry: false, status: 400,
            message: "The parameters is unsupported.",
            "Check parameter names against API version 2014-05-26: names are case-sensitive and lists are flattened 1-based (SecurityGroupIds.1, Tag.1.Key)."),
        ali("Abs.InvalidAccount.NotFound", "Your Alibaba Cloud account does not exist, or your AccessKey has expired.", .auth, retry: false, status: 403,
            message: "The Account is not found or ak is expired.",
            "Check that the AccessKey is still enabled in the RAM console and belongs to an existing account; create a new AccessKey if it expired."),
        ali("Forbidden.NotSupportRAM", "RAM users are not allowed to perform this operation.", .auth, retry: false, status: 403,
            message: "This action does not support accessed by RAM mode.",
            "Call it with the Alibaba Cloud account's own AccessKey instead of a RAM user's."),
        ali("Forbidden.SubUser", "You are not allowed to perform this operation.", .auth, retry: false, status: 403,
            message: "The specified action is not available for you.",
            "Grant the RAM user permission for ecs:CreateNetworkInterface, or call with an identity that has it."),
        ali("InvalidOperation.AvailabilityZoneMismatch", "The specified vSwitch, ENI and instance are not in the same zone.", .resource, retry: false, status: 403,
            message: "The VPC VSwitch of the specified ENI and ECS instance are not in the same availability zone.",
            "Use a vSwitch in the zone of the instance the ENI will be attached to."),
        ali("InvalidOperation.VpcMismatch", "The specified ENI and security group are not in the same VPC.", .resource, retry: false, status: 403,
            message: "The VPC of the specified ENI and security group are not in the same VPC.",
            "Choose a security group of the vSwitch's VPC."),
        ali("InvalidSecurityGroupId.NotVpc", "The specified security group is not of the VPC type.", .resource, retry: false, status: 403,
            message: "The specified SecurityGroupId not in VPC.",
            "Use a VPC-type security group of the vSwitch's VPC."),
        ali("MaxEniCountExceeded", "The number of ENIs in the region exceeds the maximum.", .quota, retry: false, status: 403,
            message: "The number of ENI exceeds the limit per region.",
            "Delete unused ENIs in the region or request a higher quota (the document gives 100 per account and region by default)."),
        ali("SecurityGroupInstanceLimitExceed", "The number of instances in the security group exceeds the maximum.", .quota, retry: false, status: 403,
            message: "The maximum number of instances in a security group is exceeded.",
            "Use another security group, or remove instances and ENIs from this one."),
        ali("InvalidEcsId.NotFound", "The specified instance ID does not exist.", .resource, retry: false, status: 404,
            message: "The specified EcsId is not found.",
            "Check the instance ID and that it is in RegionId."),
        ali("InvalidSecurityGroupId.NotFound", "The specified security group ID does not exist.", .resource, retry: false, status: 404,
            message: "The specified SecurityGroupId is not found.",
            "Check SecurityGroupId (or SecurityGroupIds.N) and that it is in RegionId."),
        ali("InvalidVSwitchId.NotFound", "The specified vSwitch ID does not exist.", .resource, retry: false, status: 404,
            message: "The specified VSwitchId is not found.",
            "Check VSwitchId and that it is in RegionId."),
        // The codes validation gives for the same checks, from other ECS API pages (the rule
        // book's `ecs-error-catalog` source; not in the CreateNetworkInterface table).
        ali("InvalidParameter", "The specified parameter is invalid.", .parameter, retry: false, status: 400, message: nil,
            "A value is outside what the parameter allows (a range, a list size, a format, a name's characters); \(operation: .validate) names the parameter and the rule.",
            source: aliyunValidation),
        ali("InvalidParameter.Conflict", "Parameters that exclude each other were given together.", .parameter, retry: false, status: 400, message: nil,
            "Send only one of them: SecurityGroupId or SecurityGroupIds.N, PrivateIpAddress.N or SecondaryPrivateIpAddressCount, Ipv6Address.N or Ipv6AddressCount.",
            source: aliyunValidation),
        ali("InvalidDescription.Malformed", "The description is not 2 to 256 characters, or starts with http:// or https://.", .parameter, retry: false, status: 400, message: nil,
            "Give a Description of 2 to 256 characters that does not start with http:// or https://.", source: aliyunValidation),
        ali("InvalidTagKey.Malformed", "A tag key is empty, longer than 128 characters, or starts with aliyun, acs:, http:// or https://.", .parameter, retry: false, status: 400, message: nil,
            "Use a tag key of 1 to 128 characters without a reserved prefix.", source: aliyunValidation),
        ali("InvalidTagValue.Malformed", "A tag value is longer than 128 characters or starts with http:// or https://.", .parameter, retry: false, status: 400, message: nil,
            "Shorten the tag value to 128 characters and drop a leading http:// or https://.", source: aliyunValidation),
        ali("Duplicate.TagKey", "The same tag key appears twice.", .parameter, retry: false, status: 400, message: nil,
            "Give each tag key once in Tag.N.", source: aliyunValidation),
        ali("InvalidTagCount", "The specified tags are beyond the permitted range.", .parameter, retry: false, status: 400, message: nil,
            "Send at most 20 tags (Tag.1 to Tag.20).", source: aliyunValidation),
        // Gateway codes every Alibaba API can return.
        ali("Throttling", "The request was denied because of request throttling.", .throttling, retry: true, status: 400,
            message: nil, "Too many requests: back off (exponentially, with jitter) and retry.", source: aliyunGateway),
        ali("InternalError", "The request failed because of an unknown server-side error.", .internal, retry: true, status: 500,
            message: nil, "Retry with backoff; if it persists, report the RequestId to support.", source: aliyunGateway),
        ali("ServiceUnavailable", "The request failed because of a temporary server failure.", .internal, retry: true, status: 503,
            message: nil, "Retry later with backoff.", source: aliyunGateway),
    ]
}
