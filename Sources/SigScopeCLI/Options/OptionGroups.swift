import ArgumentParser
import SigScope

/// `--format text|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

struct OutputOptions: ParsableArguments {
    /// As given: nil when the option is absent (so `--batch` can tell `--format text` from no choice).
    @Option(name: .long(.format), help: "Output format: text (for people, coloured on a terminal unless NO_COLOR is set; the default) or json (for scripts).")
    var given: OutputFormat?

    /// The format to write.
    var format: OutputFormat { given ?? .text }
}

extension Provider: ExpressibleByArgument {}
extension HTTPMethod: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }
}
extension SignatureAlgorithm: ExpressibleByArgument {}

/// The request: a file and/or options that build or override it.
struct RequestOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The request file (JSON: provider, action, region, params); - reads standard input. Optional when options give the request.", valueName: "REQUEST"))
    var requestFile: String?

    @Option(name: .long(.provider), help: "The provider, overriding the file.")
    var provider: Provider?

    @Option(name: .long(.action), help: "The API action (default CreateNetworkInterface).")
    var action: String?

    @Option(name: .long(.region), help: "Tencent: X-TC-Region. Alibaba: fills RegionId when params have none.")
    var region: String?

    @Option(name: .long(.param), help: ArgumentHelp(
        "Set a parameter (repeatable). NAME may be a flat wire name (Tag.1.Key, SecurityGroupIds.0). VALUE is read as JSON when it is a number, true/false, null, an array, an object or a \"quoted\" string; otherwise as plain text.",
        valueName: "NAME=VALUE"))
    var params: [String] = []
}

/// Options shared by sign and curl.
struct SigningOptionGroup: ParsableArguments {
    @Option(name: .long(.algorithm), help: "Tencent: tc3 (default), hmac-sha256, hmac-sha1. Alibaba: rpc (default), acs3.")
    var algorithm: SignatureAlgorithm?

    @Option(name: .long(.method), help: "GET or POST (default: POST for Tencent tc3 and v1 and for Alibaba acs3, GET for Alibaba rpc).")
    var method: HTTPMethod?

    @Option(name: .long(.endpoint), help: "The API host (default vpc.tencentcloudapi.com / ecs.aliyuncs.com); http://host:port for a local mock.")
    var endpoint: String?

    @Option(name: .long(.timestamp), help: "Signing time: Unix seconds or ISO-8601 UTC (2016-02-23T12:46:24Z). Default: now.")
    var timestamp: String?

    @Option(name: .long(.nonce), help: "Alibaba SignatureNonce / x-acs-signature-nonce, Tencent v1 Nonce. Default: random.")
    var nonce: String?

    @Option(name: .long(.secretId), help: "SecretId / AccessKeyId (default: TENCENTCLOUD_SECRET_ID / ALIBABA_CLOUD_ACCESS_KEY_ID, else the profile file).")
    var secretId: String?

    @Option(name: .long(.secretKey), help: "SecretKey / AccessKeySecret (default: TENCENTCLOUD_SECRET_KEY / ALIBABA_CLOUD_ACCESS_KEY_SECRET, else the profile file). Never printed.")
    var secretKey: String?

    @Option(name: .long(.token), help: "STS session token (default: TENCENTCLOUD_SESSION_TOKEN or TENCENTCLOUD_TOKEN / ALIBABA_CLOUD_SECURITY_TOKEN, else the profile's).")
    var token: String?

    @Option(name: .long(.secretKeyFile), help: ArgumentHelp("Read the secret key from FILE (- for standard input), less one trailing newline, so it is in neither argv nor the environment.", valueName: "FILE"))
    var secretKeyFile: String?

    @Option(name: .long(.profile), help: ArgumentHelp("The profile of ~/.tccli/NAME.credential (tccli) or of ~/.aliyun/config.json and ~/.alibabacloud/credentials (Alibaba), used when no option or variable gives the credentials (default: TCCLI_PROFILE / ALIBABA_CLOUD_PROFILE, else default / the current one).", valueName: "NAME"))
    var profile: String?

    @Flag(name: .long(.showSecrets), help: "Print derived keys in full (the secret key itself is never printed).")
    var showSecrets = false

    @Flag(name: .long(.noValidate), help: "Sign even when validation finds violations.")
    var noValidate = false

    @Option(name: .long(.apiVersion), help: "API version (default: VPC 2017-03-12, ECS 2014-05-26).")
    var apiVersion: String?

    @Option(name: .long(.service), help: "TC3 credential-scope service (default: the endpoint's first label, e.g. vpc; the action's product for an IP or localhost endpoint).")
    var service: String?

    @Option(name: .long(.bodyFile), help: "Sign and send exactly these body bytes instead of serializing params (- for standard input).")
    var bodyFile: String?

    @Option(name: .long(.contentType), help: "The Content-Type to send and sign.")
    var contentType: String?

    @Option(name: .long(.signedHeaders), help: ArgumentHelp("TC3/ACS3: extra headers to sign, separated by ; (e.g. x-tc-action). The mandatory ones are always signed.", valueName: "h1;h2"))
    var signedHeaders: String?

    @Option(name: .long(.language), help: "Tencent: send X-TC-Language (tc3) or the Language parameter (v1): zh-CN or en-US.")
    var language: String?

    @Flag(name: .long(.batch), help: "REQUEST is JSON Lines, one request per line; output is one JSON object per line.")
    var batch = false
}

/// `--context PATH` (repeatable): saved Describe* responses the request is checked against.
struct ContextOptions: ParsableArguments {
    @Option(name: .long(.context), help: ArgumentHelp(
        "A saved Describe* response (bare JSON or XML body, curl -i output, or a HAR file) or a folder of them; repeatable. The request is also checked against the account state they show (see docs/plan.md).",
        valueName: "PATH"))
    var paths: [String] = []
}
