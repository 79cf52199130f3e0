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
        and decodes saved responses.

        Exit codes: 0 success · 1 a clear negative answer (violations, mismatch, API error) · \
        2 unreadable input · 64 wrong usage.

        Examples:
          sigscope validate examples/tencent-invalid.json
          sigscope sign examples/tencent-create-eni.json
          sigscope curl examples/aliyun-create-eni.json --format json
          sigscope sign --provider aliyun --action DescribeRegions \\
              --param Format=XML --no-validate
          sigscope verify captured-request.txt --secret-key "$TENCENTCLOUD_SECRET_KEY"
        """,
        version: SigScopeVersion.string,
        subcommands: [Validate.self, Sign.self, Curl.self, Verify.self, Decode.self, Serve.self],
        defaultSubcommand: nil
    )

    /// A plain `sign`, `curl`, `validate`, `verify` or `decode` command line is read without argument-parser (see
    /// `FastPath`); everything else goes through it.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
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
        main(nil)
    }
}

enum SigScopeVersion {
    static let string = "0.2.0"
}
