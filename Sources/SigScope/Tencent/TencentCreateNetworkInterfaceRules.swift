/// The documented parameters of Tencent Cloud VPC `CreateNetworkInterface` (Version
/// 2017-03-12), each with its type, requiredness and constraints, and for every rule the
/// error code the server answers and the document that states it.
///
/// Documents:
/// - `seed-000`: the international (English) API page, `shared/seeds/000_*.txt`: the
///   parameter table, the official example and the error-code table.
/// - `tc-zh-spec`: `shared/reference/signing.md` §5.1, the zh machine-readable spec (tccli
///   `api.json`), which adds Ipv6Addresses, Ipv6AddressCount, IsRdma, TerminationProtection
///   and TrafficProtection and gives the members of PrivateIpAddressSpecification, Ipv6Address and Tag.
/// - `tc-common-errors`: signing.md §4.1, Tencent's common error codes (`UnknownParameter`,
///   `InvalidParameter`), which apply to every API.
/// - `sigscope`: sigscope's own judgment where no document states a rule (ID shapes,
///   repeated entries); always a warning or the least specific code.
package enum TencentCreateNetworkInterface {
    // MARK: - Sources

    /// The international English API page (the seed).
    package static let seed = RuleSource(id: "seed-000", title: "Tencent Cloud VPC API CreateNetworkInterface, international English page (shared/seeds/000)")
    /// The zh machine-readable spec, as summarised in signing.md §5.1.
    package static let zhSpec = RuleSource(id: "tc-zh-spec", title: "tccli api.json (zh) for vpc 2017-03-12, signing.md §5.1")
    /// Tencent's common error codes.
    package static let commonErrors = RuleSource(id: "tc-common-errors", title: "Tencent Cloud API 3.0 common error codes, signing.md §4.1")
    /// sigscope's own heuristics.
    package static let sigscope = RuleSource(id: "sigscope", title: "sigscope's own judgment where the documents state no rule")

    // MARK: - Error codes (seed-000's table unless noted)

    enum Code {
        static let missing = "MissingParameter"
        /// Common error code (signing.md §4.1).
        static let unknown = "UnknownParameter"
        /// Common error code (signing.md §4.1): wrong type or format of a parameter.
        static let invalid = "InvalidParameter"
        static let value = "InvalidParameterValue"
        static let tooLong = "InvalidParameterValue.TooLong"
        static let range = "InvalidParameterValue.Range"
        static let malformed = "InvalidParameterValue.Malformed"
        static let limit = "InvalidParameterValue.LimitExceeded"
        static let tagDuplicateKey = "InvalidParameterValue.TagDuplicateKey"
    }

    /// The ID shape check, a warning: the server's exact ID pattern is not documented.
    static func idShape(_ prefix: String, example: String) -> Rule {
        Rule(.idShape(prefix: prefix, example: example), .warning, code: Code.malformed, source: sigscope,
             note: "The documents show IDs only by example, so this is a warning; the server answers with an error if the ID is wrong.")
    }

    static let qosLevels = ["PT", "AU", "AG", "DEFAULT"]

    // MARK: - Structures

    /// `PrivateIpAddressSpecification`, the element of `PrivateIpAddresses`.
    static let privateIpAddressSpecification: [ParameterSpec] = [
        ParameterSpec("PrivateIpAddress", .string,
                      .disputed(zhSpec, note: "The English API documentation marks PrivateIpAddress required in each PrivateIpAddresses entry, the Chinese one optional; an entry without an address asks for nothing specific."),
                      source: zhSpec, summary: "the private IPv4 address",
                      rules: [Rule(.format(.ipv4), code: Code.malformed, source: seed)]),
        ParameterSpec("Primary", .boolean, source: zhSpec, summary: "whether this address is the primary IP"),
        ParameterSpec("PublicIpAddress", .string, source: zhSpec, summary: "the package IP bound to the address"),
        ParameterSpec("AddressId", .string, source: zhSpec, summary: "the EIP instance ID"),
        ParameterSpec("Description", .string, source: zhSpec, summary: "a description of the address"),
        ParameterSpec("IsWanIpBlocked", .boolean, source: zhSpec, summary: "whether the package IP is blocked"),
        ParameterSpec("State", .string, source: zhSpec, summary: "the address state"),
        ParameterSpec("QosLevel", .string, source: zhSpec, summary: "the address's service level"),
    ]

    /// `Ipv6Address`, the element of `Ipv6Addresses` (zh spec only).
    static let ipv6Address: [ParameterSpec] = [
        ParameterSpec("Address", .string, .required(zhSpec), source: zhSpec, summary: "the IPv6 address",
                      rules: [Rule(.format(.ipv6), code: Code.malformed, source: zhSpec)]),
        ParameterSpec("Primary", .boolean, source: zhSpec, summary: "whether this is the primary IPv6 address"),
        ParameterSpec("AddressId", .string, source: zhSpec, summary: "the EIP instance ID"),
        ParameterSpec("Description", .string, source: zhSpec, summary: "a description of the address"),
        ParameterSpec("IsWanIpBlocked", .boolean, source: zhSpec, summary: "whether the package IP is blocked"),
        ParameterSpec("State", .string, source: zhSpec, summary: "the address state"),
        ParameterSpec("PublicIpAddress", .string, source: zhSpec, summary: "the package IPv6 address"),
        ParameterSpec("AddressType", .string, source: zhSpec, summary: "the address type"),
    ]

    /// `Tag`, the element of `Tags`.
    static let tag: [ParameterSpec] = [
        ParameterSpec("Key", .string, .required(zhSpec), source: seed, summary: "the tag key"),
        ParameterSpec("Value", .string, source: seed, summary: "the tag value"),
    ]

    // MARK: - Parameters

    /// Every parameter of the seed and of the zh spec.
    package static let parameters: [ParameterSpec] = [
        ParameterSpec("VpcId", .string, .required(seed), source: seed,
                      summary: "the ID of the VPC, from DescribeVpcs",
                      rules: [idShape("vpc-", example: "vpc-0akbol5v")]),
        ParameterSpec("NetworkInterfaceName", .string, .required(seed), source: seed,
                      summary: "the ENI's name",
                      rules: [
                          Rule(.length(min: nil, max: 60, unit: .characters), code: Code.tooLong, source: seed),
                          Rule(.length(min: nil, max: 60, unit: .utf8Bytes), .warning, code: Code.tooLong, source: zhSpec,
                               note: "The Chinese API documentation limits the name to 60 bytes (字节), the English one to 60 characters; sigscope enforces 60 characters, which every document agrees on, and warns when the UTF-8 form is longer than 60 bytes because the server may count bytes."),
                      ]),
        ParameterSpec("SubnetId", .string, .required(seed), source: seed,
                      summary: "the subnet of the ENI, such as subnet-0ap8nwca",
                      rules: [idShape("subnet-", example: "subnet-0ap8nwca")]),
        ParameterSpec("NetworkInterfaceDescription", .string, source: seed,
                      summary: "a free-form description",
                      rules: [Rule(.length(min: nil, max: 60, unit: .characters), code: Code.tooLong, source: seed)]),
        ParameterSpec("SecondaryPrivateIpAddressCount", .integer, source: seed,
                      summary: "how many private IPs to apply for; the total cannot exceed the quota",
                      rules: [Rule(.integerRange(min: 0, max: nil), code: Code.range, source: zhSpec,
                                   note: "The Chinese API documentation types it uint64.")]),
        ParameterSpec("QosLevel", .string, source: seed,
                      summary: "the IP service level: PT (Gold), AU (Silver), AG (Bronze), DEFAULT",
                      rules: [Rule(.oneOf(qosLevels, ignoringCase: false), code: Code.range, source: seed)]),
        ParameterSpec("SecurityGroupIds", .list(.element(.string, source: seed, rules: [idShape("sg-", example: "sg-05bb4upy")])), source: seed,
                      summary: "the security groups to bind, such as [\"sg-1dd51d\"]",
                      rules: [Rule(.unique(field: nil, key: .text), .warning, code: Code.value, source: sigscope,
                                   note: "Binding the same security group twice is probably a mistake.")]),
        ParameterSpec("PrivateIpAddresses", .list(.element(.structure(privateIpAddressSpecification), source: seed)), source: seed,
                      summary: "the private IPs to assign, at most 10 per call",
                      rules: [
                          Rule(.count(min: nil, max: 10), code: Code.limit, source: seed),
                          Rule(.unique(field: "PrivateIpAddress", key: .ipAddress), code: Code.value, source: seed,
                               note: "A specified private IP must not be occupied, so the same address cannot be asked for twice."),
                          Rule(.atMostOneTrue(field: "Primary"), code: Code.value, source: seed,
                               note: "An ENI has one primary IP."),
                      ]),
        ParameterSpec("Ipv6Addresses", .list(.element(.structure(ipv6Address), source: zhSpec)), source: zhSpec,
                      summary: "the IPv6 addresses to assign, at most 10",
                      rules: [
                          Rule(.count(min: nil, max: 10), code: Code.limit, source: zhSpec),
                          Rule(.unique(field: "Address", key: .ipAddress), code: Code.value, source: sigscope,
                               note: "The same address cannot be assigned twice."),
                      ]),
        ParameterSpec("Ipv6AddressCount", .integer, source: zhSpec,
                      summary: "how many IPv6 addresses to apply for, 1-10",
                      rules: [Rule(.integerRange(min: 1, max: 10), code: Code.range, source: zhSpec)]),
        ParameterSpec("Tags", .list(.element(.structure(tag), source: seed)), source: seed,
                      summary: "tags to bind, such as [{\"Key\": \"city\", \"Value\": \"shanghai\"}]",
                      rules: [Rule(.unique(field: "Key", key: .text), code: Code.tagDuplicateKey, source: seed)]),
        ParameterSpec("TrunkingFlag", .string, source: seed,
                      summary: "the ENI trunking mode: Enable or Disable (default)",
                      rules: [Rule(.oneOf(["Enable", "Disable"], ignoringCase: false), code: Code.range, source: seed)]),
        ParameterSpec("IsRdma", .boolean, source: zhSpec, summary: "whether to create an RDMA ENI (default false)"),
        ParameterSpec("ClientToken", .string, source: seed,
                      summary: "an idempotency token, at most 64 ASCII characters",
                      rules: [
                          Rule(.ascii, code: Code.malformed, source: seed),
                          Rule(.length(min: nil, max: 64, unit: .characters), code: Code.tooLong, source: seed),
                      ]),
        ParameterSpec("TerminationProtection", .boolean, source: zhSpec, summary: "deletion protection"),
        ParameterSpec("TrafficProtection", .boolean, source: zhSpec, summary: "traffic protection"),
    ]

    /// Rules between parameters.
    package static let crossRules: [CrossRule] = [
        CrossRule(.usedWith("QosLevel", partner: "SecondaryPrivateIpAddressCount"), .warning, code: Code.invalid, source: seed,
                  note: "The API documentation says QosLevel \"is used together with SecondaryPrivateIpAddressCount\": without it the level has no IPs to apply to."),
        CrossRule(.combinedMax(list: "Ipv6Addresses", count: "Ipv6AddressCount", max: 10), code: Code.limit, source: zhSpec,
                  note: "The Chinese API documentation counts Ipv6Addresses and Ipv6AddressCount together."),
    ]

    /// Tencent's common parameters, which travel as headers (TC3) or are added by the signer (v1).
    package static let commonParameters: [CommonParameter] = [
        CommonParameter("Action", advice: "give the request's action\(aside: .action); sigscope sends it as X-TC-Action."),
        CommonParameter("Version", advice: "give the API version\(aside: .apiVersion); sigscope sends it as X-TC-Version."),
        CommonParameter("Region", advice: "give the request's region\(aside: .region); sigscope sends it as X-TC-Region."),
        CommonParameter("Timestamp", advice: "give the signing timestamp\(aside: .timestamp); sigscope sends it as X-TC-Timestamp."),
        CommonParameter("Nonce", advice: "give the signing nonce\(aside: .nonce) (signature v1 only)."),
        CommonParameter("SecretId", advice: "give it as the credentials' key id\(aside: .secretId); it goes into the Authorization header."),
        CommonParameter("Signature", advice: "sigscope computes the signature itself."),
        CommonParameter("SignatureMethod", advice: "choose the signing algorithm\(aside: .algorithm)."),
        CommonParameter("Token", advice: "give it as the credentials' session token\(aside: .token); sigscope sends it as X-TC-Token."),
        CommonParameter("Language", advice: "give the signing language\(aside: .language); sigscope sends it as X-TC-Language."),
        CommonParameter("RequestClient", advice: "leave it out; it is an SDK header, not a parameter."),
    ]

    /// The action's rules.
    package static let rules = ActionRules(
        provider: .tencent,
        action: "CreateNetworkInterface",
        version: "2017-03-12",
        dialect: .json,
        pathStyle: .brackets,
        codes: BasicCodes(missing: Code.missing, unknown: Code.unknown, type: Code.invalid, source: commonErrors),
        parameters: parameters,
        crossRules: crossRules,
        commonParameters: commonParameters,
        regionRequirement: .required(seed),
        sources: [seed, zhSpec, commonErrors, sigscope]
    )
}
