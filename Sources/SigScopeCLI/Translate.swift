import ArgumentParser
import SigScope

struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Turn a Tencent CreateNetworkInterface request into the Alibaba one, or back.",
        discussion: """
        Each parameter is mapped to its counterpart (SubnetId ↔ VSwitchId, SecurityGroupIds ↔ \
        SecurityGroupId / SecurityGroupIds.N, PrivateIpAddresses ↔ PrimaryIpAddress + \
        PrivateIpAddress.N, Tags ↔ Tag.N, NetworkInterfaceDescription ↔ Description, \
        TrunkingFlag ↔ InstanceType, the region to the one in the same city where both \
        providers' public region lists have one). What has no counterpart is listed with the \
        reason, never dropped. The new request is validated with the other provider's rules.

        Resource ids do not carry over between clouds: a subnet-… id is copied into VSwitchId \
        and marked for replacement. Give the real ones with --set (flat names allowed), and the \
        region with --target-region. With --context (saved Describe* responses of the account \
        translated to, and optionally of the source account), the subnet / vSwitch is looked up: \
        the one with the same CIDR block, or the only one whose block holds the private IPs \
        asked for; its VPC fills VpcId.

        Standard output gets the new request file; in text format the table of what maps to \
        what, what has no counterpart and the verdict go to standard error, so \
        `sigscope translate a.json --to aliyun > b.json` writes a file `sigscope sign` reads. \
        --format json prints one object: request, mappings, unmapped, validation.

        Exit codes: 0 the new request is valid · 1 it is not (the output says why) · \
        2 unreadable input · 64 wrong usage.

        Examples:
          sigscope translate examples/tencent-create-eni.json --to aliyun \\
              --target-region cn-hangzhou
          sigscope translate examples/aliyun-create-eni.json --to tencent \\
              --target-region ap-guangzhou --set VpcId=vpc-0akbol5v \\
              --format json
          sigscope translate examples/tencent-create-eni.json --to aliyun \\
              --target-region cn-hangzhou \\
              --set VSwitchId=vsw-bp1s5fnvk4gn2tws03xx > eni.json
        """
    )

    @OptionGroup var request: RequestOptions

    @Option(name: .long(.to), help: "The provider to translate to: aliyun or tencent.")
    var to: Provider

    @Option(name: .long(.targetRegion), help: ArgumentHelp("The target's region (Tencent X-TC-Region, Alibaba RegionId), instead of the same-city one.", valueName: "REGION"))
    var targetRegion: String?

    @Option(name: .long(.set), help: ArgumentHelp("Set a parameter of the new request (repeatable), e.g. an id only you know: VSwitchId=vsw-…, VpcId=vpc-…. NAME may be flat (SecurityGroupIds.1). VALUE as for --param.", valueName: "NAME=VALUE"))
    var assignments: [String] = []

    @OptionGroup var context: ContextOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        try Frontend.guarded { () throws(SigScopeError) -> Int32 in
            let settings = RequestSettings(request)
            let source = settings.source
            let built = try settings.build(try settings.readDraft(), source: source)
            var sets: [(name: String, value: JSONValue)] = []
            for text in assignments {
                let parsed = try RequestOverrides.parseParam(text)
                sets.append((parsed.name, parsed.value))
            }
            let resolver = try Self.resolver(contextPaths: context.paths, request: built, target: to)
            let result = Wording.worded(try ENITranslation.translate(built, to: to, targetRegion: targetRegion, assignments: sets, resolver: resolver))
            switch output.format {
            case .json:
                Frontend.writeOut(JSONWriter.pretty.string(Frontend.versioned(result.json)) + "\n")
            case .text:
                Frontend.writeOut(JSONWriter.pretty.string(result.requestFile) + "\n")
                Frontend.writeError(TranslateText.render(result, from: built.provider, style: Frontend.errorStyle))
            }
            return result.validation.valid ? 0 : 1
        }
    }
}

extension TranslateCommand {
    /// The resolver of `--context`: the files are split by provider (each file is one
    /// provider's), the target's state is required, the source's optional.
    static func resolver(contextPaths: [String], request: APIRequest, target: Provider) throws(SigScopeError) -> ContextTranslationResolver? {
        guard !contextPaths.isEmpty else { return nil }
        var sourceFiles: [ContextLoader.File] = []
        var targetFiles: [ContextLoader.File] = []
        for file in try ContextInput.files(contextPaths) {
            switch try ContextLoader.load([file], limits: .standard).provider {
            case target?: targetFiles.append(file)
            case request.provider?: sourceFiles.append(file)
            default: break
            }
        }
        guard !targetFiles.isEmpty else {
            throw SigScopeError(.invalidContext, "--context gives no \(target.displayName) Describe* response; translate looks the ids up in the account it translates to (DescribeSubnets / DescribeVSwitches)")
        }
        let source = sourceFiles.isEmpty ? nil : try ContextLoader.load(sourceFiles, limits: .standard)
        return ContextTranslationResolver(source: source, target: try ContextLoader.load(targetFiles, limits: .standard),
                                          addresses: ContextTranslationResolver.addresses(of: request))
    }
}

/// The text report of a translation: the table, what has no counterpart, the verdict.
enum TranslateText {
    static func render(_ result: ENITranslation.Result, from source: Provider, style: Style) -> String {
        let target = result.request.provider
        var text = "sigscope: \(source.displayName) → \(target.displayName) \(result.request.action)\n"
        let rows = result.mappings.map { ($0.from, $0.to, JSONWriter.compact.string($0.value), $0.note?.description ?? "") }
        let fromWidth = min(40, rows.map(\.0.count).max() ?? 0)
        let toWidth = min(32, rows.map(\.1.count).max() ?? 0)
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(1, width - s.count + 2)) }
        if !rows.isEmpty {
            text += "  " + pad("from", fromWidth) + pad("to", toWidth) + "value\n"
            for row in rows {
                text += "  " + pad(row.0, fromWidth) + pad(row.1, toWidth) + row.2 + "\n"
                if !row.3.isEmpty { text += "  " + String(repeating: " ", count: fromWidth + toWidth + 4) + style.dim(row.3) + "\n" }
            }
        }
        if !result.unmapped.isEmpty {
            text += "no counterpart on \(target.displayName) (not in the new request):\n"
            for item in result.unmapped {
                text += "  \(item.path) = \(JSONWriter.compact.string(item.value)): \(item.reason)\n"
            }
        }
        let report = result.validation
        if report.valid {
            let warnings = report.warnings.isEmpty ? "" : " with \(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s")"
            text += "validation: " + style.green("valid") + " for \(target.displayName)\(warnings)\n"
        } else {
            text += "validation: " + style.red("not valid") + " for \(target.displayName): \(report.violations.count) rule\(report.violations.count == 1 ? "" : "s") broken\n"
        }
        if !report.violations.isEmpty || !report.warnings.isEmpty {
            text += ValidationText.findings(report, style: style)
        }
        return text
    }
}
