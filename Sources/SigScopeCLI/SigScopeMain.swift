import ArgumentParser
import SigScope

@main
struct SigScopeCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sigscope",
        abstract: "Plan, sign and debug Tencent Cloud and Alibaba Cloud ENI API requests, offline.",
        discussion: """
        sigscope never touches the network. It validates CreateNetworkInterface requests \
        against the API's rules, signs them showing every step, prints curl commands that send \
        exactly the signed bytes, verifies captured requests and explains signature mismatches, \
        and decodes saved responses. With --context (saved Describe* responses) it checks a \
        request against the account's state, and plan shows the ENI it would create.

        Exit codes: 0 success · 1 a clear negative answer (violations, mismatch, API error) · \
        2 unreadable input · 64 wrong usage.

        Examples:
          sigscope validate examples/tencent-invalid.json
          sigscope sign examples/tencent-create-eni.json
          sigscope curl examples/aliyun-create-eni.json --format json
          sigscope sign --provider aliyun --action DescribeRegions \\
              --param Format=XML --no-validate
          sigscope verify examples/captures/space-encoded-as-plus.http
          sigscope decode testvectors/responses/tc-auth-SignatureExpire/input.json
          sigscope plan examples/context/aliyun-create-eni.json \\
              --context examples/context/aliyun
          sigscope explain AuthFailure.SignatureExpire
          sigscope translate examples/tencent-create-eni.json --to aliyun \\
              --target-region cn-hangzhou

        Credentials: an option, else the environment (TENCENTCLOUD_SECRET_ID, \
        TENCENTCLOUD_SECRET_KEY, …; ALIBABA_CLOUD_ACCESS_KEY_ID, …), else the providers' profile \
        files (~/.tccli/<profile>.credential, ~/.aliyun/config.json, ~/.alibabacloud/credentials), \
        --profile choosing the profile.
        """,
        version: SigScopeVersion.string,
        subcommands: [Validate.self, Sign.self, Curl.self, Verify.self, Decode.self, Plan.self, ExplainCommand.self, TranslateCommand.self, Serve.self],
        defaultSubcommand: nil
    )

    /// A plain `sign`, `curl`, `validate`, `verify` or `decode` command line is read without argument-parser (see
    /// `FastPath`); everything else goes through it.
    static func main() {
        Frontend.startCrypto()
        let arguments = Array(CommandLine.arguments.dropFirst())
        Frontend.jsonErrors = Frontend.asksForJSON(arguments)
        if let pipeline = FastPath.parse(arguments) {
            FastPath.runAndExit(pipeline.run)
        }
        if let decode = FastPath.parseDecode(arguments) {
            FastPath.runAndExit(decode.run)
        }
        if let verify = FastPath.parseVerify(arguments) {
            FastPath.runAndExit(verify.run)
        }
        if let validate = FastPath.parseValidate(arguments) {
            FastPath.runAndExit { () throws(SigScopeError) -> Int32 in try Validate.run(validate.request, format: validate.format) }
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let status as ExitCode {
            // The command has reported its error already (see `Frontend.guarded`).
            Frontend.exitNow(status.rawValue)
        } catch {
            let status = exitCode(for: error)
            // Help and --version are no errors: argument-parser prints them as it always does.
            if status == .success { exit(withError: error) }
            Frontend.reportUsage(fullMessage(for: error))
            Frontend.exitNow(status.rawValue)
        }
        Frontend.exitNow(0)
    }
}

enum SigScopeVersion {
    static let string = "0.2.0"
}
