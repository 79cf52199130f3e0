import ArgumentParser
import SigScope

struct Sign: SigningCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate, then sign a request and show every step of the signature.",
        discussion: """
        Each stage is numbered with its formula and exact value: for TC3 the hashed payload, \
        canonical request, credential scope, string to sign, derived keys (shortened unless \
        --show-secrets), signature and Authorization header; for Alibaba rpc the canonicalized \
        query string, string to sign and signature; for acs3 the payload hash, canonical \
        request, its hash, string to sign, signature and Authorization; for Tencent v1 \
        (hmac-sha1, hmac-sha256) the string to sign and signature. The secret key is never \
        printed.

        With --batch, REQUEST holds one request object per line (JSON Lines) and the output is \
        one JSON object per line, in order; a line that fails gives {"line": N, "error": {...}} \
        and the rest go on (exit 1 if any failed). REQUEST is read as a stream: a file of any \
        size, or - for standard input (a pipe), in bounded memory; a line over 1 MiB is that \
        line's error. Large batches use every core.

        With --context (saved Describe* responses, see docs/plan.md) the request is also checked \
        against the account's state; a context violation refuses signing like any other, unless \
        --no-validate.

        Examples:
          sigscope sign examples/tencent-create-eni.json \\
              --secret-id AKID... --secret-key ...
          sigscope sign --provider aliyun --action DescribeRegions --param Format=XML \\
              --timestamp 2016-02-23T12:46:24Z \\
              --nonce 3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf \\
              --access-key-id testid --access-key-secret testsecret --no-validate
          sigscope sign --provider tencent --action DescribeInstances \\
              --endpoint cvm.tencentcloudapi.com --body-file body.json \\
              --content-type 'application/json; charset=utf-8' \\
              --signed-headers 'content-type;host;x-tc-action' \\
              --timestamp 1551113065 --no-validate
          sigscope sign --batch requests.jsonl > signed.jsonl
          zcat requests.jsonl.gz | sigscope sign --batch - > signed.jsonl
          sigscope sign examples/context/aliyun-create-eni.json \\
              --context examples/context/aliyun \\
              --access-key-id ... --access-key-secret ...
          # credentials from tccli's ~/.tccli/work.credential, or a key piped in
          sigscope sign examples/tencent-create-eni.json --profile work
          sigscope sign examples/tencent-create-eni.json --secret-id AKID... \\
              --secret-key-file - < ~/.secrets/tencent.key

        Credentials: --secret-id/--secret-key (or --secret-key-file), else \
        TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SESSION_TOKEN or \
        TENCENTCLOUD_TOKEN / ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, \
        ALIBABA_CLOUD_SECURITY_TOKEN, else the profile files: ~/.tccli/<profile>.credential, \
        ~/.aliyun/config.json (modes AK, StsToken), ~/.alibabacloud/credentials. Where the key came \
        from and any warning about it (a SecretId of the wrong shape, whitespace in the key, an STS \
        key without its token) go to standard error; --format json adds credentialSource and \
        credentialWarnings.
        """
    )

    @OptionGroup var request: RequestOptions
    @OptionGroup var context: ContextOptions
    @OptionGroup var signing: SigningOptionGroup
    @OptionGroup var output: OutputOptions

    static let mode = SignPipeline.Mode.sign
}

struct Curl: SigningCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate, sign and print a ready-to-send curl command.",
        discussion: """
        The command sends exactly the signed bytes: every argument is single-quoted for sh and \
        bash, the body goes through --data-binary verbatim, and every signed header is set \
        explicitly so curl adds no Content-Type of its own. --format json adds "command" to the \
        sign output; with --batch, each line's object carries its one-line command.

        --context checks the request against saved Describe* responses first, as for sign.

        Examples:
          sigscope curl examples/tencent-create-eni.json | sh
          sigscope curl --batch enis.jsonl | jq -r .command
          sigscope curl examples/context/tencent-create-eni.json \\
              --context examples/context/tencent
        """
    )

    @OptionGroup var request: RequestOptions
    @OptionGroup var context: ContextOptions
    @OptionGroup var signing: SigningOptionGroup
    @OptionGroup var output: OutputOptions

    static let mode = SignPipeline.Mode.curl
}

/// What `sign` and `curl` share: the same options, run through the same pipeline in their mode.
protocol SigningCommand: ParsableCommand {
    static var mode: SignPipeline.Mode { get }
    var request: RequestOptions { get }
    var context: ContextOptions { get }
    var signing: SigningOptionGroup { get }
    var output: OutputOptions { get }
}

extension SigningCommand {
    func run() throws {
        try Frontend.guarded { () throws(SigScopeError) -> Int32 in
            try SignPipeline(requestOptions: RequestSettings(request), signing: SigningSettings(signing),
                             format: SignPipeline.format(output.given, batch: signing.batch), mode: Self.mode,
                             contextPaths: context.paths).run()
        }
    }
}
