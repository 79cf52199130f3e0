import ArgumentParser
import SigScope

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what a CreateNetworkInterface would create, checked against the account's saved state.",
        discussion: """
        Validates the request with its parameter rules and against the --context files (saved \
        Describe* responses: DescribeVpcs, DescribeSubnets / DescribeVSwitches, \
        DescribeSecurityGroups, DescribeNetworkInterfaces, DescribeVpcLimits, \
        DescribeNetworkInterfaceLimit, DescribeAccountAttributes; bare bodies, curl -i output or \
        HAR files, or folders of them), then shows the ENI that would be created: its VPC, \
        subnet / vSwitch, zone, security groups, private IPs (the given ones, and for \
        SecondaryPrivateIpAddressCount the lowest addresses free now, deterministically), tags \
        and the ENI quota left. With credentials (options or environment) it also signs the \
        request, as sign shows it.

        Exit codes: 0 valid · 1 violations (the server would refuse it) · 2 unreadable input or \
        context · 64 wrong usage.

        Examples:
          sigscope plan examples/context/tencent-create-eni.json \\
              --context examples/context/tencent
          sigscope plan examples/context/aliyun-create-eni.json \\
              --context examples/context/aliyun --format json
          sigscope plan examples/context/tencent-create-eni.json \\
              --context examples/context/tencent/describe-subnets.json \\
              --context examples/context/tencent/describe-network-interfaces.json \\
              --secret-id AKID... --secret-key ...
        """
    )

    @OptionGroup var request: RequestOptions
    @OptionGroup var context: ContextOptions
    @OptionGroup var signing: SigningOptionGroup
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if context.paths.isEmpty {
            throw ValidationError("plan needs the account's state: give --context PATH (a saved Describe* response or a folder of them)")
        }
        if signing.batch {
            throw ValidationError("plan takes one request; --batch is not supported")
        }
    }

    func run() throws {
        try Frontend.guarded { () throws(SigScopeError) -> Int32 in
            try Self.run(RequestSettings(request), contextPaths: context.paths, signing: SigningSettings(signing), format: output.format)
        }
    }

    static func run(_ requestOptions: RequestSettings, contextPaths: [String], signing given: SigningSettings, format: OutputFormat) throws(SigScopeError) -> Int32 {
        var signing = given
        if let path = signing.secretKeyFile, signing.secretKeyFileBytes == nil {
            // Read once: the credentials are looked at twice (whether to sign, then to sign).
            signing.secretKeyFileBytes = try Frontend.read(path, limit: CredentialSources.maxKeyFileBytes)
        }
        try ContextInput.refuseSharedStdin(request: requestOptions.requestFile, contextPaths)
        let draft = try requestOptions.readDraft()
        let request = try requestOptions.build(draft, source: requestOptions.source)
        let state = try ContextInput.load(contextPaths, provider: request.provider) ?? ContextState(provider: request.provider)
        var planned = Planner.plan(request, context: state)
        planned.report = Wording.worded(planned.report)
        let credentialsGiven = try hasCredentials(request.provider, signing)
        var signed: SignedRequest?
        if planned.report.valid || signing.noValidate, credentialsGiven {
            var shared = SignPipeline.Shared(requestOptions: requestOptions, signing: signing)
            let timestamp = try signing.timestamp.map { text throws(SigScopeError) in try Timestamp.parse(text) } ?? Frontend.now()
            signed = try SignPipeline.sign(request, draft: draft, body: nil, timestamp: timestamp, nonce: signing.nonce, shared: &shared)
        }
        switch format {
        case .text:
            var text = PlanText.render(planned, style: Frontend.style)
            if let signed {
                text += "\n" + TraceText.render(signed, showSecrets: signing.showSecrets, style: Frontend.style, naming: Wording.flag)
            } else {
                text += "\n" + Frontend.style.dim(planned.report.valid || signing.noValidate
                    ? "not signed: no credentials (give --secret-id and --secret-key, the provider's environment variables, or a profile file)"
                    : "not signed: the request breaks rules (--no-validate signs it anyway)") + "\n"
            }
            Frontend.writeOut(text)
        case .json:
            let signedJSON = signed.map { SignOutput.json($0, showSecrets: signing.showSecrets) } ?? .null
            Frontend.writeOut(JSONWriter.pretty.string(Frontend.versioned(planned.json(signed: signedJSON))) + "\n")
        }
        return planned.report.valid ? 0 : 1
    }

    /// Whether a secret key and id are found for `provider` (options, environment, profile files).
    /// - Throws: for an empty secret key (option or variable), and what reading them throws when
    ///   a key id, key, key file or profile was asked for explicitly: the user meant to sign.
    ///   Otherwise their absence only means the plan is not signed.
    private static func hasCredentials(_ provider: Provider, _ signing: SigningSettings) throws(SigScopeError) -> Bool {
        let given = signing.givenCredentials
        let keyOption = Frontend.credentialOptions(for: provider).key
        try Frontend.refuseEmptySecret(given.secretKey, option: keyOption, variable: provider.profile.environment.secretKey)
        let sources = CredentialSources(provider: provider, given: given)
        if signing.secretId != nil || given.secretKey != nil || given.secretKeyFile != nil || given.profile != nil {
            _ = try sources.resolve().credentials(provider: provider)
            return true
        }
        return (try? sources.resolve().credentials(provider: provider)) != nil
    }
}
