import SigScope

/// How one provider's API names and words what serve answers: the parameter names its
/// CreateNetworkInterface uses, the pool addresses are planned in without context, the text of
/// its common errors. One value per provider, picked by an exhaustive switch.
struct ServeDialect: Sendable {
    /// The subnet / vSwitch parameter (`SubnetId`, `VSwitchId`).
    var subnetParameter: String
    /// The description parameter (`NetworkInterfaceDescription`, `Description`).
    var descriptionParameter: String
    /// The tag list parameter (`Tags`, `Tag`).
    var tagsParameter: String
    /// The block addresses are planned in when no context describes the subnet.
    var defaultPool: String
    /// Whether request ids are upper case (Alibaba) or lower case (Tencent).
    var upperCaseRequestId: Bool
    /// The message of `MissingParameter` for `name`.
    var missingParameter: @Sendable (String) -> String
    /// An error this provider answers: its code, message and HTTP status (nil: the catalog's).
    struct Answer: Sendable {
        var code: String
        var message: String
        var status: Int?
    }
    /// The key id is not one the server knows.
    var unknownKey: Answer
    /// The API version is not the API's.
    var wrongVersion: @Sendable (String) -> Answer
    /// The action does not exist (sources in docs/serve.md).
    var unknownAction: @Sendable (String) -> Answer

    static let tencent = ServeDialect(
        subnetParameter: "SubnetId", descriptionParameter: "NetworkInterfaceDescription", tagsParameter: "Tags",
        defaultPool: "10.0.0.0/16", upperCaseRequestId: false,
        missingParameter: { "The request is missing a required parameter `\($0)`." },
        unknownKey: Answer(code: "AuthFailure.SecretIdNotFound", message: "The SecretId is not found, please ensure that your SecretId is correct.", status: nil),
        wrongVersion: { Answer(code: "NoSuchVersion", message: "The API version `\($0)` does not exist.", status: nil) },
        unknownAction: { Answer(code: "InvalidAction", message: "The requested action `\($0)` does not exist.", status: nil) })

    static let aliyun = ServeDialect(
        subnetParameter: "VSwitchId", descriptionParameter: "Description", tagsParameter: "Tag",
        defaultPool: "192.168.0.0/16", upperCaseRequestId: true,
        missingParameter: { "The input parameter \"\($0)\" that is mandatory for processing this request is not supplied." },
        unknownKey: Answer(code: "InvalidAccessKeyId.NotFound", message: "Specified access key is not found.", status: 404),
        wrongVersion: { _ in Answer(code: "InvalidVersion", message: "Specified parameter Version is not valid.", status: 400) },
        unknownAction: { _ in Answer(code: "InvalidAction.NotFound", message: "Specified api is not found, please check your url and method.", status: 404) })
}

extension Provider {
    /// This provider's dialect.
    var dialect: ServeDialect {
        switch self {
        case .tencent: return .tencent
        case .aliyun: return .aliyun
        }
    }
}
