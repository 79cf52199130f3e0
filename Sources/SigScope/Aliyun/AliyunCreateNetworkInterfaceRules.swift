/// The documented parameters of Alibaba Cloud ECS `CreateNetworkInterface` (Version
/// 2014-05-26), each with its type, requiredness and constraints, and for every rule the
/// error code the server answers and the document that states it.
///
/// Every value travels as text in the query string (RPC style), so types are checked on
/// the text: an Integer must be decimal digits, a Boolean `true` or `false`; a JSON number
/// given for a String is simply its digits.
///
/// Documents:
/// - `seed-001`: the ≈2019 zh API page, `shared/seeds/001_*.txt`: parameters (RegionId,
///   VSwitchId, SecurityGroupId, PrimaryIpAddress, NetworkInterfaceName, Description,
///   ClientToken), the example and the error-code table (`MissingParameter`,
///   `UnsupportedParameter`, `InvalidVSwitchId.NotFound`, `InvalidSecurityGroupId.NotFound`, …).
/// - `ali-sdk`: signing.md §5.2, the current parameters from the alibabacloud-ecs20140526
///   SDK docstrings (the API's OpenAPI metadata).
/// - `ali-common`: signing.md §2.1, the RPC common parameters (`Format`).
/// - `ecs-error-catalog`: error codes ECS documents for the very same checks on its other API
///   pages (`InvalidDescription.Malformed`, `InvalidTagKey.Malformed`, `Duplicate.TagKey`,
///   `InvalidTagCount`, `InvalidParameter`, `InvalidParameter.Conflict`); seed-001's table has
///   no code for them.
/// - `sigscope`: sigscope's own judgment where no document states a rule; always a warning.
package enum AliyunCreateNetworkInterface {
    // MARK: - Sources

    /// The ≈2019 zh API page (the seed).
    package static let seed = RuleSource(id: "seed-001", title: "Alibaba Cloud ECS API CreateNetworkInterface, zh page of about 2019 (shared/seeds/001)")
    /// The current SDK docstrings, as summarised in signing.md §5.2.
    package static let sdk = RuleSource(id: "ali-sdk", title: "alibabacloud-ecs20140526 7.11.8 CreateNetworkInterfaceRequest docstrings, signing.md §5.2")
    /// The RPC common parameters.
    package static let common = RuleSource(id: "ali-common", title: "Alibaba Cloud RPC common request parameters, signing.md §2.1")
    /// ECS error codes documented on other ECS API pages for the same checks.
    package static let errorCatalog = RuleSource(id: "ecs-error-catalog", title: "ECS error codes for the same checks on other ECS API pages (TagResources, CreateDisk, RunInstances, AssignPrivateIpAddresses in AlibabaCloudDocs/ecs); not in seed-001's table")
    /// sigscope's own heuristics.
    package static let sigscope = RuleSource(id: "sigscope", title: "sigscope's own judgment where the documents state no rule")

    // MARK: - Error codes

    enum Code {
        /// seed-001.
        static let missing = "MissingParameter"
        /// seed-001.
        static let unsupported = "UnsupportedParameter"
        /// ecs-error-catalog: "The specified parameter is invalid."
        static let invalid = "InvalidParameter"
        /// ecs-error-catalog: parameters that conflict.
        static let conflict = "InvalidParameter.Conflict"
        /// ecs-error-catalog: "2-256 characters, not starting with http:// or https://".
        static let description = "InvalidDescription.Malformed"
        /// ecs-error-catalog.
        static let tagKey = "InvalidTagKey.Malformed"
        /// ecs-error-catalog.
        static let tagValue = "InvalidTagValue.Malformed"
        /// ecs-error-catalog.
        static let duplicateTagKey = "Duplicate.TagKey"
        /// ecs-error-catalog: "The specified tags are beyond the permitted range."
        static let tagCount = "InvalidTagCount"
        /// seed-001 (404).
        static let vSwitchNotFound = "InvalidVSwitchId.NotFound"
        /// seed-001 (404).
        static let securityGroupNotFound = "InvalidSecurityGroupId.NotFound"
    }

    static let webPrefixes = ["http://", "https://"]

    /// The ID shape check, a warning: the server's exact ID pattern is not documented, and a
    /// malformed ID is answered with the resource's not-found code.
    static func idShape(_ prefix: String, example: String, code: String) -> Rule {
        Rule(.idShape(prefix: prefix, example: example), .warning, code: code, source: sigscope,
             note: "The documents show IDs only by example, so this is a warning; the server answers \(code) if no such resource exists.")
    }

    static func count(_ max: Int) -> Rule {
        Rule(.count(min: nil, max: max), code: Code.invalid, source: sdk)
    }

    static func range(_ min: Int64, _ max: Int64) -> Rule {
        Rule(.integerRange(min: min, max: max), code: Code.invalid, source: sdk)
    }

    static let notAvailable = Rule(.discouraged("is marked \"not available\" in the current API metadata; the server may reject or ignore it."),
                                   .warning, code: Code.invalid, source: sdk)
    static let deprecated = Rule(.discouraged("is deprecated in the current API metadata; leave it out."),
                                 .warning, code: Code.invalid, source: sdk)

    // MARK: - Structures

    static let queueSize: [Rule] = [
        range(8192, 16384),
        Rule(.powerOfTwo, code: Code.invalid, source: sdk),
        notAvailable,
    ]

    static let trafficMode = ParameterSpec("NetworkInterfaceTrafficMode", .string, source: sdk,
                                           summary: "Standard (TCP, default) or HighPerformance (ERI/RDMA)",
                                           rules: [Rule(.oneOf(["Standard", "HighPerformance"], ignoringCase: false), code: Code.invalid, source: sdk)])
    static let queueNumber = ParameterSpec("QueueNumber", .integer, source: sdk,
                                           summary: "queues of the ENI, 1-2048 and below the instance type's MaximumQueueNumberPerEni",
                                           rules: [range(1, 2048)])
    static let queuePairNumber = ParameterSpec("QueuePairNumber", .integer, source: sdk, summary: "RDMA queue pairs")
    static let rxQueueSize = ParameterSpec("RxQueueSize", .integer, source: sdk,
                                           summary: "receive queue depth, 8192-16384, a power of 2, equal to TxQueueSize",
                                           rules: queueSize)
    static let txQueueSize = ParameterSpec("TxQueueSize", .integer, source: sdk,
                                           summary: "send queue depth, 8192-16384, a power of 2, equal to RxQueueSize",
                                           rules: queueSize)

    static let connectionTracking: [ParameterSpec] = [
        ParameterSpec("TcpClosedAndTimeWaitTimeout", .integer, source: sdk, summary: "seconds, 3-15 (default 3)", rules: [range(3, 15)]),
        ParameterSpec("TcpEstablishedTimeout", .integer, source: sdk, summary: "seconds, one of 30, 60, 80, 100, 200, 300, 500, 700, 910 (default 910)",
                      rules: [Rule(.integerOneOf([30, 60, 80, 100, 200, 300, 500, 700, 910]), code: Code.invalid, source: sdk)]),
        ParameterSpec("UdpTimeout", .integer, source: sdk, summary: "seconds, one of 10, 20, 30, 60, 80, 100 (default 30)",
                      rules: [Rule(.integerOneOf([10, 20, 30, 60, 80, 100]), code: Code.invalid, source: sdk)]),
    ]

    static let enhancedNetwork: [ParameterSpec] = [
        ParameterSpec("EnableSriov", .scalar, source: sdk, summary: "not available; type not documented"),
        ParameterSpec("EnableRss", .scalar, source: sdk, summary: "not available; type not documented"),
        ParameterSpec("EnableExpress", .scalar, source: sdk, summary: "not available; type not documented"),
        ParameterSpec("VirtualFunctionQuantity", .scalar, source: sdk, summary: "not available; type not documented"),
        ParameterSpec("VirtualFunctionTotalQueueNumber", .scalar, source: sdk, summary: "not available; type not documented"),
    ]

    static let tag: [ParameterSpec] = [
        ParameterSpec("Key", .string, .required(sdk), source: sdk, summary: "the tag key",
                      rules: [
                          Rule(.length(min: 1, max: 128, unit: .characters), code: Code.tagKey, source: sdk),
                          Rule(.forbiddenPrefixes(["aliyun", "acs:"], ignoringCase: false), code: Code.tagKey, source: sdk),
                          Rule(.forbiddenPrefixes(["aliyun", "acs:"], ignoringCase: true), .warning, code: Code.tagKey, source: sigscope,
                               note: "Whether the server compares the reserved prefixes ignoring case is not documented."),
                          Rule(.forbiddenPrefixes(webPrefixes, ignoringCase: false), code: Code.tagKey, source: sdk),
                      ]),
        ParameterSpec("Value", .string, source: sdk, summary: "the tag value (may be empty)",
                      rules: [
                          Rule(.length(min: nil, max: 128, unit: .characters), code: Code.tagValue, source: sdk),
                          Rule(.forbiddenPrefixes(webPrefixes, ignoringCase: false), code: Code.tagValue, source: sdk),
                      ]),
    ]

    // MARK: - Parameters

    /// Every parameter of the seed and of the current SDK metadata.
    package static let parameters: [ParameterSpec] = [
        ParameterSpec("RegionId", .string, .required(seed), source: seed, summary: "the region, from DescribeRegions"),
        ParameterSpec("VSwitchId", .string, .required(seed), source: seed,
                      summary: "the vSwitch the ENI's private IP comes from",
                      rules: [idShape("vsw-", example: "vsw-bp1s5fnvk4gn2tws03xx", code: Code.vSwitchNotFound)]),
        ParameterSpec("SecurityGroupId", .string, source: seed,
                      summary: "a security group in the same VPC (exactly one of SecurityGroupId and SecurityGroupIds.N)",
                      rules: [idShape("sg-", example: "sg-bp1fg655nh68xyz9ixx", code: Code.securityGroupNotFound)]),
        ParameterSpec("SecurityGroupIds", .list(.element(.string, source: sdk, rules: [idShape("sg-", example: "sg-bp1fg655nh68xyz9ixx", code: Code.securityGroupNotFound)])), source: sdk,
                      summary: "security groups (exactly one of SecurityGroupId and SecurityGroupIds.N)",
                      rules: [Rule(.unique(field: nil, key: .text), .warning, code: Code.invalid, source: sigscope,
                                   note: "Binding the same security group twice is probably a mistake.")]),
        ParameterSpec("PrimaryIpAddress", .string, source: seed,
                      summary: "the primary private IP, a free address in the vSwitch's CIDR block",
                      rules: [Rule(.format(.ipv4), code: Code.invalid, source: seed)]),
        ParameterSpec("PrivateIpAddress", .list(.element(.string, source: sdk, rules: [Rule(.format(.ipv4), code: Code.invalid, source: sdk)])), source: sdk,
                      summary: "secondary private IPs, at most 10; not with SecondaryPrivateIpAddressCount",
                      rules: [count(10),
                              Rule(.unique(field: nil, key: .ipAddress), code: Code.invalid, source: sigscope,
                                   note: "The same address cannot be assigned twice.")]),
        ParameterSpec("SecondaryPrivateIpAddressCount", .integer, source: sdk,
                      summary: "how many secondary private IPs to assign, 1-49; not with PrivateIpAddress.N",
                      rules: [range(1, 49)]),
        ParameterSpec("Ipv6Address", .list(.element(.string, source: sdk, rules: [Rule(.format(.ipv6), code: Code.invalid, source: sdk)])), source: sdk,
                      summary: "IPv6 addresses, at most 10; not with Ipv6AddressCount",
                      rules: [count(10),
                              Rule(.unique(field: nil, key: .ipAddress), code: Code.invalid, source: sigscope,
                                   note: "The same address cannot be assigned twice.")]),
        ParameterSpec("Ipv6AddressCount", .integer, source: sdk, summary: "how many IPv6 addresses to assign, 1-10", rules: [range(1, 10)]),
        ParameterSpec("Ipv4Prefix", .list(.element(.string, source: sdk, rules: [Rule(.format(.ipv4CIDR), .warning, code: Code.invalid, source: sigscope,
                                                                                      note: "The documents give no format; a prefix is normally written in CIDR notation.")])), source: sdk,
                      summary: "IPv4 prefixes, at most 10; not with Ipv4PrefixCount",
                      rules: [count(10)]),
        ParameterSpec("Ipv4PrefixCount", .integer, source: sdk, summary: "how many IPv4 prefixes to assign, 1-10", rules: [range(1, 10)]),
        ParameterSpec("Ipv6Prefix", .list(.element(.string, source: sdk, rules: [Rule(.format(.ipv6CIDR), .warning, code: Code.invalid, source: sigscope,
                                                                                      note: "The documents give no format; a prefix is normally written in CIDR notation.")])), source: sdk,
                      summary: "IPv6 prefixes, at most 10; not with Ipv6PrefixCount",
                      rules: [count(10)]),
        ParameterSpec("Ipv6PrefixCount", .integer, source: sdk, summary: "how many IPv6 prefixes to assign, 1-10", rules: [range(1, 10)]),
        ParameterSpec("NetworkInterfaceName", .string, source: seed,
                      summary: "the ENI's name, shown in the console",
                      rules: [
                          Rule(.forbiddenPrefixes(webPrefixes, ignoringCase: false), code: Code.invalid, source: seed),
                          Rule(.length(min: 2, max: 128, unit: .characters), code: Code.invalid, source: seed),
                          Rule(.pattern(first: [.letter], rest: [.digit, .characters(":_-.")]), code: Code.invalid, source: seed,
                               note: "The API documentation allows letters, Chinese characters, digits, ':', '_' and '-'; the current SDK metadata also allows '.'."),
                      ]),
        ParameterSpec("Description", .string, source: seed,
                      summary: "the ENI's description",
                      rules: [
                          Rule(.forbiddenPrefixes(webPrefixes, ignoringCase: false), code: Code.description, source: seed),
                          Rule(.length(min: 2, max: 256, unit: .characters), code: Code.description, source: seed),
                      ]),
        ParameterSpec("ClientToken", .string, source: seed,
                      summary: "an idempotency token, ASCII only, at most 64 characters",
                      rules: [
                          Rule(.ascii, code: Code.invalid, source: seed),
                          Rule(.length(min: nil, max: 64, unit: .characters), code: Code.invalid, source: seed),
                      ]),
        ParameterSpec("Tag", .list(.element(.structure(tag), source: sdk)), source: sdk,
                      summary: "tags, at most 20",
                      rules: [
                          Rule(.count(min: nil, max: 20), code: Code.tagCount, source: sdk),
                          Rule(.unique(field: "Key", key: .text), code: Code.duplicateTagKey, source: errorCatalog),
                      ]),
        ParameterSpec("ResourceGroupId", .string, source: sdk, summary: "the resource group, from ListResourceGroups"),
        ParameterSpec("InstanceType", .string, source: sdk, summary: "Secondary (default) or Trunk (invitational preview)",
                      rules: [Rule(.oneOf(["Secondary", "Trunk"], ignoringCase: false), code: Code.invalid, source: sdk)]),
        trafficMode,
        queueNumber,
        queuePairNumber,
        rxQueueSize,
        txQueueSize,
        ParameterSpec("DeleteOnRelease", .boolean, source: sdk, summary: "whether the ENI is released with the instance"),
        ParameterSpec("SourceDestCheck", .boolean, source: sdk, summary: "source/destination check (default false; some regions only)"),
        ParameterSpec("ConnectionTrackingConfiguration", .structure(connectionTracking), source: sdk, summary: "connection-tracking timeouts"),
        ParameterSpec("NetworkInterfaceTrafficConfig", .structure([trafficMode, queueNumber, queuePairNumber, rxQueueSize, txQueueSize]), source: sdk,
                      summary: "the nested alternative to the flat traffic fields"),
        ParameterSpec("EnhancedNetwork", .structure(enhancedNetwork), source: sdk, summary: "enhanced networking (not available)", rules: [notAvailable]),
        ParameterSpec("EnablePrimaryIPv6", .boolean, source: sdk, summary: "no docstring"),
        ParameterSpec("BusinessType", .scalar, source: sdk, summary: "deprecated", rules: [deprecated]),
        ParameterSpec("Visible", .scalar, source: sdk, summary: "deprecated", rules: [deprecated]),
        ParameterSpec("OwnerId", .scalar, source: sdk, summary: "internal or common"),
        ParameterSpec("OwnerAccount", .scalar, source: sdk, summary: "internal or common"),
        ParameterSpec("ResourceOwnerId", .scalar, source: sdk, summary: "internal or common"),
        ParameterSpec("ResourceOwnerAccount", .scalar, source: sdk, summary: "internal or common"),
        ParameterSpec("Format", .string, source: common, summary: "the response format, JSON or XML (default XML)",
                      rules: [Rule(.oneOf(["JSON", "XML"], ignoringCase: true), code: Code.invalid, source: common)]),
    ]

    /// Rules between parameters.
    package static let crossRules: [CrossRule] = [
        CrossRule(.oneRequired(["SecurityGroupId", "SecurityGroupIds"]), code: Code.missing, source: sdk,
                  note: "The API documentation of about 2019 marks SecurityGroupId required; the current API takes exactly one of SecurityGroupId and SecurityGroupIds.N."),
        CrossRule(.exclusive(["SecurityGroupId", "SecurityGroupIds"]), code: Code.conflict, source: sdk),
        CrossRule(.exclusive(["PrivateIpAddress", "SecondaryPrivateIpAddressCount"]), code: Code.conflict, source: sdk),
        CrossRule(.exclusive(["Ipv6Address", "Ipv6AddressCount"]), code: Code.conflict, source: sdk),
        CrossRule(.exclusive(["Ipv4Prefix", "Ipv4PrefixCount"]), code: Code.conflict, source: sdk),
        CrossRule(.exclusive(["Ipv6Prefix", "Ipv6PrefixCount"]), code: Code.conflict, source: sdk),
        CrossRule(.equal("RxQueueSize", "TxQueueSize"), code: Code.invalid, source: sdk),
        CrossRule(.equal("NetworkInterfaceTrafficConfig.RxQueueSize", "NetworkInterfaceTrafficConfig.TxQueueSize"), code: Code.invalid, source: sdk),
    ]

    /// RPC common parameters the signer sets itself.
    package static let commonParameters: [CommonParameter] = [
        CommonParameter("Action", advice: "give the request's action\(aside: .action)."),
        CommonParameter("Version", advice: "give the API version\(aside: .apiVersion)."),
        CommonParameter("AccessKeyId", advice: "give it as the credentials' key id\(aside: .accessKeyId)."),
        CommonParameter("SignatureMethod", advice: "choose the signing algorithm\(aside: .algorithm); sigscope sets it."),
        CommonParameter("SignatureVersion", advice: "choose the signing algorithm\(aside: .algorithm); sigscope sets it."),
        CommonParameter("SignatureNonce", advice: "give the signing nonce\(aside: .nonce)."),
        CommonParameter("SignatureType", advice: "leave it out; sigscope sets what the algorithm needs."),
        CommonParameter("Timestamp", advice: "give the signing timestamp\(aside: .timestamp)."),
        CommonParameter("Signature", advice: "sigscope computes the signature itself."),
        CommonParameter("SecurityToken", advice: "give it as the credentials' session token\(aside: .token)."),
    ]

    /// The action's rules.
    package static let rules = ActionRules(
        provider: .aliyun,
        action: "CreateNetworkInterface",
        version: "2014-05-26",
        dialect: .text,
        pathStyle: .flat,
        codes: BasicCodes(missing: Code.missing, unknown: Code.unsupported, type: Code.invalid, source: seed),
        parameters: parameters,
        crossRules: crossRules,
        commonParameters: commonParameters,
        regionRequirement: .optional,
        sources: [seed, sdk, common, errorCatalog, sigscope]
    )
}
