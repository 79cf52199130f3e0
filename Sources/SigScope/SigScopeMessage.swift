extension SigScopeError {
    /// An input of a request or of signing, verifying or decoding that a message can be about.
    ///
    /// The library names each in its own words (`phrase`); a front end names it in its own
    /// (the CLI maps each to its option, `.body` to `--body-file`).
    public enum Subject: String, Sendable, Hashable, CaseIterable {
        case provider, action, region, params
        case algorithm, method, endpoint, service, apiVersion, body, contentType, signedHeaders, language
        case timestamp, nonce
        /// The credentials' key id: Tencent's SecretId, Alibaba's AccessKeyId.
        case secretId, accessKeyId
        case secretKey, accessKeySecret, token
        /// A file the secret key is read from (a front end's; the library takes the key itself).
        case secretKeyFile
        /// The named credentials profile to read (`ProfileFiles`).
        case profile
        /// The provider a request is translated to (`ENITranslation.translate`'s `to`).
        case targetProvider
        /// The target region a request is translated to (`ENITranslation.translate`'s `targetRegion`).
        case targetRegion
        /// The target parameters set after translating (`ENITranslation.translate`'s `assignments`).
        case setParam
        /// What is known of the accounts' state (`ENITranslation.translate`'s `resolver`).
        case context
        /// The instant a request's timestamp is judged against (`Verifier`'s `now`).
        case now
        /// The entry of a HAR file to read (`CaptureParser`'s `entry`).
        case harEntry
        /// Reading every entry of a HAR file.
        case allHAREntries
        /// Printing derived keys in full (`TraceText.render`'s `showSecrets`).
        case showSecrets
        /// The server's answer to the request (`VerifyOptions`' `serverStringToSign` and `serverErrorCode`).
        case serverError

        /// The library's words for the input, as a message names it.
        public var phrase: String {
            switch self {
            case .provider: return "the provider"
            case .action: return "the action"
            case .region: return "the region"
            case .params: return "the param override"
            case .algorithm: return "the algorithm"
            case .method: return "the method"
            case .endpoint: return "the endpoint"
            case .service: return "the TC3 service"
            case .apiVersion: return "the API version"
            case .body: return "the body"
            case .contentType: return "the Content-Type"
            case .signedHeaders: return "the extra signed headers"
            case .language: return "the language"
            case .timestamp: return "the timestamp"
            case .nonce: return "the nonce"
            case .secretId: return "the credentials' SecretId"
            case .accessKeyId: return "the credentials' AccessKeyId"
            case .secretKey: return "the credentials' SecretKey"
            case .accessKeySecret: return "the credentials' AccessKeySecret"
            case .token: return "the credentials' session token"
            case .secretKeyFile: return "the secret key file"
            case .profile: return "the profile name"
            case .targetProvider: return "the target provider"
            case .targetRegion: return "the target region"
            case .setParam: return "the assignments"
            case .context: return "the account's state"
            case .now: return "the instant the timestamp is judged against"
            case .harEntry: return "the entry index"
            case .allHAREntries: return "reading every HAR entry"
            case .showSecrets: return "showSecrets"
            case .serverError: return "the server's error response"
            }
        }
    }
}

extension SigScopeMessage {
    /// An entry point of the library a message can send the reader to; a front end names its
    /// own way to run it (the CLI, its command: `sigscope verify`).
    public enum Operation: String, Sendable, Hashable, CaseIterable {
        /// ``Signer``'s `sign`.
        case sign
        /// ``Verifier``'s `verify`.
        case verify
        /// ``Validator``'s `validate`.
        case validate
        /// ``ResponseDecoder``'s `decode`.
        case decode

        /// The library's words for the entry point, as a message names it: `Verifier.verify` in code quotes.
        public var phrase: String {
            switch self {
            case .sign: return "`Signer.sign`"
            case .verify: return "`Verifier.verify`"
            case .validate: return "`Validator.validate`"
            case .decode: return "`ResponseDecoder.decode`"
            }
        }

        /// The library's words for the entry point given `inputs`: "`Verifier.verify` with the server's error response".
        public func phrase(with inputs: [SigScopeError.Subject]) -> String {
            inputs.isEmpty ? phrase : phrase + " with " + inputs.map(\.phrase).joined(separator: " and ")
        }
    }
}

/// A sentence about the library's inputs that names each input structurally, so that the
/// library and a front end can each word it in their own terms.
///
/// Written as an interpolated string: `\(.body)` names an input (the library says "the body",
/// the CLI `--body-file`), `\(aside: .token)` is a remark only a front end fills in (nothing in
/// the library's words, " (--token)" in the CLI's), and `\(operation: .verify, with: [.serverError])`
/// sends the reader to an entry point (the library says "`Verifier.verify` with the server's
/// error response", the CLI "`sigscope verify --server-error`"):
///
/// ```swift
/// let message: SigScopeMessage = "a TC3 GET request has no body; drop \(.body) or use \(.method) POST"
/// message.description                       // "… drop the body or use the method POST"
/// message.worded { _ in "--flag" }           // "… drop --flag or use --flag POST"
/// ```
///
/// Where a call accepts both a `String` and a message (`SigScopeError`'s initialisers), a
/// literal that interpolates only message *values* is taken as a `String`, which keeps the
/// library's words alone: write `"… \(advice)" as SigScopeMessage` there.
public struct SigScopeMessage: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public typealias Subject = SigScopeError.Subject

    enum Piece: Sendable, Hashable {
        case text(String)
        case name(Subject)
        case aside(Subject)
        case operation(Operation, [Subject])
    }

    var pieces: [Piece]

    init(pieces: [Piece]) {
        self.pieces = pieces
    }

    /// A message that names no input.
    public init(verbatim text: String) {
        pieces = text.isEmpty ? [] : [.text(text)]
    }

    public init(stringLiteral value: String) {
        self.init(verbatim: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        pieces = stringInterpolation.pieces
    }

    /// Builds a message: literal text, values, `\(.subject)` and `\(aside: .subject)`.
    public struct StringInterpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            pieces.reserveCapacity(interpolationCount * 2 + 1)
        }

        mutating func appendText(_ text: String) {
            guard !text.isEmpty else { return }
            if case .text(let previous)? = pieces.last {
                pieces[pieces.count - 1] = .text(previous + text)
            } else {
                pieces.append(.text(text))
            }
        }

        public mutating func appendLiteral(_ literal: String) {
            appendText(literal)
        }

        /// Names `subject`: the library's `phrase`, or a front end's name for it.
        public mutating func appendInterpolation(_ subject: Subject) {
            pieces.append(.name(subject))
        }

        /// A remark naming `subject` that only a front end words: " (NAME)" with its name, nothing in the library's words.
        public mutating func appendInterpolation(aside subject: Subject) {
            pieces.append(.aside(subject))
        }

        /// Sends the reader to `operation`, run with `inputs` given: the library's `phrase(with:)`, or a front end's way to run it.
        public mutating func appendInterpolation(operation: Operation, with inputs: [Subject] = []) {
            pieces.append(.operation(operation, inputs))
        }

        /// A nested message, its inputs kept structural.
        public mutating func appendInterpolation(_ message: SigScopeMessage) {
            for piece in message.pieces {
                if case .text(let text) = piece { appendText(text) } else { pieces.append(piece) }
            }
        }

        /// Any other value, as `String(describing:)` writes it.
        public mutating func appendInterpolation<T>(_ value: T) {
            appendText(String(describing: value))
        }
    }

    /// The inputs the message names (also as what an operation is run with), in order, each once.
    public var subjects: [Subject] {
        var seen: [Subject] = []
        for piece in pieces {
            switch piece {
            case .name(let subject), .aside(let subject):
                if !seen.contains(subject) { seen.append(subject) }
            case .operation(_, let inputs):
                for subject in inputs where !seen.contains(subject) { seen.append(subject) }
            case .text:
                break
            }
        }
        return seen
    }

    /// The entry points the message sends the reader to, in order, each once.
    public var operations: [Operation] {
        var seen: [Operation] = []
        for case .operation(let operation, _) in pieces where !seen.contains(operation) { seen.append(operation) }
        return seen
    }

    /// True when the message names at least one input or entry point (so a front end's wording can differ from the library's).
    public var namesInputs: Bool {
        pieces.contains { if case .text = $0 { false } else { true } }
    }

    /// The message with each input named by `naming`, each aside filled in by `asides` (by
    /// `naming` when nil) and each entry point by `operations` (given the inputs it is run
    /// with); where they return nil, in the library's words (an aside is then left out).
    public func worded(naming: (Subject) -> String?, asides: ((Subject) -> String?)? = nil,
                       operations: ((Operation, [Subject]) -> String?)? = nil) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .name(let subject): out += naming(subject) ?? subject.phrase
            case .aside(let subject): if let aside = asides?(subject) ?? naming(subject) { out += " (" + aside + ")" }
            case .operation(let operation, let inputs): out += operations?(operation, inputs) ?? operation.phrase(with: inputs)
            }
        }
        return out
    }

    /// The message in the library's words.
    public var description: String {
        worded(naming: { _ in nil })
    }

    /// Whether the library's wording contains `text`.
    public func contains(_ text: some StringProtocol) -> Bool {
        description.contains(text)
    }

    /// The parts before and from the first `marker` in a text piece, or nil if no text piece has it.
    func split(atFirst marker: String) -> (before: SigScopeMessage, rest: SigScopeMessage)? {
        for (index, piece) in pieces.enumerated() {
            guard case .text(let text) = piece, let range = text.firstRange(of: marker) else { continue }
            var before = Array(pieces[..<index])
            var rest = Array(pieces[(index + 1)...])
            let head = String(text[..<range.lowerBound]), tail = String(text[range.lowerBound...])
            if !head.isEmpty { before.append(.text(head)) }
            rest.insert(.text(tail), at: 0)
            return (SigScopeMessage(pieces: before), SigScopeMessage(pieces: rest))
        }
        return nil
    }

    /// `lhs` followed by `rhs`.
    public static func + (lhs: SigScopeMessage, rhs: SigScopeMessage) -> SigScopeMessage {
        var joined = SigScopeMessage.StringInterpolation(literalCapacity: 0, interpolationCount: 0)
        joined.appendInterpolation(lhs)
        joined.appendInterpolation(rhs)
        return SigScopeMessage(pieces: joined.pieces)
    }
}
