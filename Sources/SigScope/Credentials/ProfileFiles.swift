/// Credentials as the providers' own command-line tools keep them on disk, read from the
/// files' bytes (the CLI finds and reads the files; this code only parses them).
///
/// - tccli: `~/.tccli/<profile>.credential`, a JSON object with `secretId`, `secretKey` and
///   optionally `token`; tccli also writes `role-arn` / `role-session-name` (a role to assume)
///   and `type: "cvm-role"` (the instance's role), which need a call to STS.
/// - aliyun CLI: `~/.aliyun/config.json`, `{"current": NAME, "profiles": [{"name", "mode",
///   "access_key_id", "access_key_secret", "sts_token", "region_id", …}]}`; modes `AK` and
///   `StsToken` carry the keys themselves, every other mode (`RamRoleArn`, `EcsRamRole`,
///   `ChainableRamRoleArn`, …) fetches them from a service.
/// - Alibaba Cloud credentials library: `~/.alibabacloud/credentials`, INI sections with
///   `type = access_key` (`access_key_id`, `access_key_secret`) or `type = sts` (plus
///   `security_token`), `enable = false` turning a section off.
package enum ProfileFiles {
    /// Credentials read from a profile file.
    package struct Entry: Sendable, Equatable {
        /// The SecretId / AccessKeyId.
        package var secretId: String
        /// The secret key.
        package var secretKey: SecretKey
        /// The STS token, when the profile holds temporary credentials.
        package var token: String?
        /// The region the profile names, if any.
        package var region: String?
        /// The profile's name.
        package var profile: String
        /// The profile's mode as the file names it (`AK`, `StsToken`, `access_key`, `sts`, or none for tccli).
        package var mode: String?

        /// Creates an entry.
        package init(secretId: String, secretKey: SecretKey, token: String? = nil, region: String? = nil, profile: String, mode: String? = nil) {
            self.secretId = secretId
            self.secretKey = secretKey
            self.token = token
            self.region = region
            self.profile = profile
            self.mode = mode
        }
    }

    /// A profile whose mode needs a network call (assume a role, ask the instance metadata
    /// service): sigscope is offline, so it cannot use it. The reason names the mode and what to do.
    package static let unsupportedMode = SigScopeError.Code.missingInput

    // MARK: - tccli

    /// Parses a tccli `<profile>.credential` file.
    /// - Throws: `.invalidRequest` (exit 2) for a file that is not such a JSON object or lacks
    ///   `secretId`/`secretKey`; `.missingInput` for a role profile, which needs STS.
    package static func tccli(_ bytes: [UInt8], source: String, profile: String) throws(SigScopeError) -> Entry {
        let object = try jsonObject(bytes, source: source)
        let roleArn = nonEmpty(object["role-arn"])
        if object["type"]?.stringValue == "cvm-role" || roleArn != nil {
            let mode = roleArn != nil ? "role-arn (assume role \(roleArn ?? ""))" : "type cvm-role (the instance's CAM role)"
            throw SigScopeError(unsupportedMode, "profile \"\(profile)\" uses \(mode), which needs a call to STS; sigscope works offline, so get temporary credentials first (for example `tccli sts AssumeRole`) and pass them with \(.secretId), \(.secretKey) and \(.token), or TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_TOKEN", source: source)
        }
        let id = try field(object, "secretId", source: source)
        let key = try field(object, "secretKey", source: source)
        return Entry(secretId: id, secretKey: SecretKey(key), token: nonEmpty(object["token"]), profile: profile)
    }

    // MARK: - aliyun CLI

    /// The profile names of an aliyun CLI `config.json` and its `current` one.
    /// - Throws: `.invalidRequest` for a file that is not such a JSON object.
    package static func aliyunCLIProfiles(_ bytes: [UInt8], source: String) throws(SigScopeError) -> (current: String?, names: [String]) {
        let object = try jsonObject(bytes, source: source)
        guard let profiles = object["profiles"]?.arrayValue else {
            throw SigScopeError(.invalidRequest, "not an aliyun CLI configuration: no \"profiles\" array", source: source)
        }
        return (nonEmpty(object["current"]), profiles.compactMap { $0.objectValue?["name"]?.stringValue })
    }

    /// Parses the profile `profile` (nil: the file's `current` one, else `default`) of an aliyun
    /// CLI `config.json`; nil when the file has no such profile.
    /// - Throws: `.invalidRequest` (exit 2) for a malformed file or profile; `.missingInput` for
    ///   a mode other than `AK` and `StsToken`.
    package static func aliyunCLI(_ bytes: [UInt8], source: String, profile: String?) throws(SigScopeError) -> Entry? {
        let object = try jsonObject(bytes, source: source)
        guard let profiles = object["profiles"]?.arrayValue else {
            throw SigScopeError(.invalidRequest, "not an aliyun CLI configuration: no \"profiles\" array", source: source)
        }
        let name = profile ?? nonEmpty(object["current"]) ?? "default"
        guard let found = profiles.compactMap(\.objectValue).first(where: { $0["name"]?.stringValue == name }) else { return nil }
        let mode = nonEmpty(found["mode"]) ?? "AK"
        let place = "profile \"\(name)\""
        switch mode {
        case "AK", "StsToken":
            let id = try field(found, "access_key_id", source: source, within: place)
            let key = try field(found, "access_key_secret", source: source, within: place)
            var token: String?
            if mode == "StsToken" {
                token = try field(found, "sts_token", source: source, within: place)
            }
            return Entry(secretId: id, secretKey: SecretKey(key), token: token, region: nonEmpty(found["region_id"]), profile: name, mode: mode)
        default:
            throw SigScopeError(unsupportedMode, "\(place) uses mode \(mode), which fetches its keys from a service (\(Self.aliyunModeNeeds(mode))); sigscope works offline and reads only modes AK and StsToken. Get temporary credentials first (for example `aliyun sts AssumeRole`) and pass them with \(.accessKeyId), \(.accessKeySecret) and \(.token), or choose an AK or StsToken profile with \(.profile)", source: source)
        }
    }

    private static func aliyunModeNeeds(_ mode: String) -> String {
        switch mode {
        case "RamRoleArn", "ChainableRamRoleArn", "RamRoleArnWithRoleName": return "STS AssumeRole"
        case "EcsRamRole": return "the ECS instance metadata service"
        case "RsaKeyPair": return "STS GenerateSessionAccessKey"
        case "OIDC": return "STS AssumeRoleWithOIDC"
        case "External", "CredentialsURI": return "an external program or URL"
        case "CloudSSO": return "CloudSSO sign-in"
        default: return "not a mode sigscope knows"
        }
    }

    // MARK: - Alibaba Cloud credentials library

    /// Parses section `profile` of an Alibaba Cloud credentials file (INI); nil when there is no
    /// such section or it is disabled (`enable = false`).
    /// - Throws: `.invalidRequest` (exit 2, with the line) for a line that is not INI or a section
    ///   without its keys; `.missingInput` for a type other than `access_key` and `sts`.
    package static func alibabaCredentials(_ bytes: [UInt8], source: String, profile: String) throws(SigScopeError) -> Entry? {
        let sections = try ini(bytes, source: source)
        guard let section = sections.first(where: { $0.name == profile }) else { return nil }
        let values = section.values
        func value(_ key: String) -> String? { values.last(where: { $0.0 == key }).map(\.1).flatMap { $0.isEmpty ? nil : $0 } }
        if let enable = value("enable"), enable.lowercased() == "false" { return nil }
        let type = value("type") ?? "access_key"
        func required(_ key: String) throws(SigScopeError) -> String {
            guard let found = value(key) else {
                throw SigScopeError(.invalidRequest, "section [\(profile)] (type \(type)) has no \(key)", source: source, line: section.line)
            }
            return found
        }
        switch type {
        case "access_key", "sts":
            let id = try required("access_key_id")
            let key = try required("access_key_secret")
            let token = type == "sts" ? try required("security_token") : nil
            return Entry(secretId: id, secretKey: SecretKey(key), token: token, region: value("region_id"), profile: profile, mode: type)
        default:
            throw SigScopeError(unsupportedMode, "section [\(profile)] has type \(type), which fetches its keys from a service; sigscope works offline and reads only types access_key and sts. Get temporary credentials first and pass them with \(.accessKeyId), \(.accessKeySecret) and \(.token), or choose another section with \(.profile)", source: source, line: section.line)
        }
    }

    struct Section {
        var name: String
        var line: Int
        var values: [(String, String)]
    }

    /// INI as the credentials libraries read it: `[name]` sections, `key = value` lines,
    /// `#` and `;` comments (also after a value, following whitespace), blank lines.
    static func ini(_ bytes: [UInt8], source: String) throws(SigScopeError) -> [Section] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SigScopeError(.invalidRequest, "not UTF-8 text", source: source)
        }
        var sections: [Section] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.trimmingWhitespace
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]"), trimmed.count > 2 else {
                    throw SigScopeError(.invalidRequest, "a section header must read [name]", source: source, line: lineNumber)
                }
                sections.append(Section(name: String(trimmed.dropFirst().dropLast()).trimmingWhitespace, line: lineNumber, values: []))
                continue
            }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw SigScopeError(.invalidRequest, "expected `key = value` or a [section] header", source: source, line: lineNumber)
            }
            guard !sections.isEmpty else {
                throw SigScopeError(.invalidRequest, "a `key = value` line before any [section] header", source: source, line: lineNumber)
            }
            let key = String(trimmed[..<equals]).trimmingWhitespace
            var value = Substring(trimmed[trimmed.index(after: equals)...])
            // A comment after the value: whitespace, then # or ;.
            var previous: Character = " "
            for index in value.indices {
                let c = value[index]
                if (c == "#" || c == ";") && (previous == " " || previous == "\t") {
                    value = value[..<index]
                    break
                }
                previous = c
            }
            sections[sections.count - 1].values.append((key, String(value).trimmingWhitespace))
        }
        return sections
    }

    // MARK: - Shared

    private static func jsonObject(_ bytes: [UInt8], source: String) throws(SigScopeError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, limits: .request)
        } catch {
            // The parser's reason may quote a character of the text, which holds a secret: only the place is given.
            throw SigScopeError(.invalidJSON, "not valid JSON (its text is not shown: the file holds a secret)", source: source, line: error.line, column: error.column)
        }
        guard let object = value.objectValue else {
            throw SigScopeError(.invalidRequest, "expected a JSON object; found \(value.typeName)", source: source)
        }
        return object
    }

    private static func field(_ object: JSONObject, _ key: String, source: String, within place: String? = nil) throws(SigScopeError) -> String {
        let prefix = place.map { "\($0): " } ?? ""
        guard let member = object[key] else {
            throw SigScopeError(.invalidRequest, "\(prefix)no \"\(key)\"", source: source)
        }
        guard let text = member.stringValue else {
            throw SigScopeError(.invalidRequest, "\(prefix)\"\(key)\" must be a string; found \(member.typeName)", source: source)
        }
        guard !text.isEmpty else {
            throw SigScopeError(.invalidRequest, "\(prefix)\"\(key)\" is empty", source: source)
        }
        return text
    }

    private static func nonEmpty(_ value: JSONValue?) -> String? {
        guard let text = value?.stringValue, !text.isEmpty else { return nil }
        return text
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingWhitespace: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
