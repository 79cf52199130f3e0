import ArgumentParser
import SigScope

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a request against the API's parameter rules, offline.",
        discussion: """
        Every problem is reported at once, each with the error code the provider's server would \
        answer (Tencent MissingParameter, UnknownParameter, InvalidParameterValue.TooLong, …; \
        Alibaba MissingParameter, UnsupportedParameter, …) and the parameter's path \
        (PrivateIpAddresses[3].PrivateIpAddress, Tag.2.Key). Warnings flag what the server accepts \
        but is probably a mistake. Rules are known for CreateNetworkInterface of both providers; \
        other actions are valid with a warning. See docs/validation.md for every rule and its \
        source.

        With --context, the request is also checked against the account's state shown by saved \
        Describe* responses (DescribeSubnets, DescribeSecurityGroups, DescribeNetworkInterfaces, \
        …): a subnet or security group that does not exist, a private IP outside the subnet or \
        already taken, too few free addresses, the ENI quota. Those findings carry \
        "source": "context" and the file they were decided from as "evidence". What the \
        context does not cover is never called missing (a ContextIncomplete warning at most).

        Exit codes: 0 valid (warnings allowed) · 1 violations · 2 unreadable input · \
        64 wrong usage.

        Examples:
          sigscope validate examples/tencent-create-eni.json
          sigscope validate examples/tencent-invalid.json --format json
          sigscope validate --provider aliyun --param RegionId=cn-hangzhou \\
              --param VSwitchId=vsw-1 --param SecurityGroupId=sg-1
          sigscope validate examples/context/tencent-taken-ip.json \\
              --context examples/context/tencent
        """
    )

    @OptionGroup var request: RequestOptions
    @OptionGroup var context: ContextOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try Frontend.guarded { () throws(SigScopeError) -> Int32 in
            try Self.run(RequestSettings(request), format: output.format, contextPaths: context.paths)
        }
    }

    /// Validates the request and prints the report; argument-parser's path and `FastPath` both end here.
    static func run(_ request: RequestSettings, format: OutputFormat, contextPaths: [String] = []) throws(SigScopeError) -> Int32 {
        try ContextInput.refuseSharedStdin(request: request.requestFile, contextPaths)
        let draft = try request.readDraft()
        let apiRequest = try Frontend.naming(request.source) { () throws(SigScopeError) in try request.build(draft, source: request.source) }
        let report: ValidationReport
        if let state = try ContextInput.load(contextPaths, provider: apiRequest.provider) {
            report = ContextRules.validate(apiRequest, context: state)
        } else {
            report = Validator.validate(apiRequest)
        }
        switch format {
        case .text:
            Frontend.writeReport(ValidationText.render(Wording.worded(report), style: Frontend.style))
        case .json:
            Frontend.writeOut(JSONWriter.pretty.string(Frontend.versioned(Wording.worded(report).json)) + "\n")
        }
        return report.valid ? 0 : 1
    }
}
