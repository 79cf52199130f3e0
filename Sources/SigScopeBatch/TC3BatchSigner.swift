import SigScope

/// One batch worker's TC3 signing: the plans of the requests it has signed, each with its signer
/// (derived keys) and output template, and libcrypto contexts of its own.
///
/// Real batches mix regions and actions: a plan depends on the action and region, so the worker
/// keeps a few (`planCapacity`) rather than only the last, and a batch rotating among four
/// regions builds four plans, not one a line. Signers (key derivations) are shared by the plans
/// of one secret, date and service. Owned by one thread at a time.
package final class TC3BatchSigner {
    /// How many plans a worker keeps; the oldest makes room for a new one.
    package static let planCapacity = 8
    /// How many signers (secret, date and service) a worker keeps.
    static let signerCapacity = 4

    /// The worker's digest and HMAC contexts, also used for its other algorithms' signatures.
    package let contexts: CryptoContexts
    private var plans = Recent<Plan>(capacity: planCapacity)
    private var signers = Recent<TC3Signer>(capacity: signerCapacity)
    /// Where request bodies are serialized before they are hashed and written.
    private let scratch = ByteBuffer(capacity: 1024)

    package init(contexts: CryptoContexts = CryptoContexts()) {
        self.contexts = contexts
    }

    /// How many plans the worker holds now.
    package var planCount: Int { plans.values.count }

    /// Signs `request` as `Signer.sign` does and appends to `out` exactly the bytes
    /// `SignOutput.writeCompact(Signer.sign(…), showSecrets:)` would, from the request's plan's
    /// template. Returns false, with nothing written, where this does not apply (another
    /// algorithm, GET, whose query changes from line to line, or a plan whose rendering has no
    /// clean holes): then sign and render.
    /// - Parameter paramsText: the JSON text `request.params` was parsed from, when it has no escape
    ///   sequence and the params are exactly what it says; the body is then that text without its
    ///   whitespace (`JSONWriter.appendMinified`), the same bytes as serializing the params.
    /// - Parameter schemaVersion: when given, the line ends with the document's stamp
    ///   (`SignOutput.Stamp`: this version, the options' timestamp and a null nonce), as
    ///   `writeCompact(…, stamp:)` writes it.
    package func writeSignedCompact(_ request: APIRequest, options: SigningOptions, credentials: Credentials, showSecrets: Bool,
                                    schemaVersion: Int? = nil, paramsText: UnsafeBufferPointer<UInt8>? = nil,
                                    into out: ByteBuffer) throws(SigScopeError) -> Bool {
        let algorithm = options.algorithm ?? request.provider.defaultAlgorithm
        guard algorithm == .tc3, request.provider == .tencent else { return false }
        let method = options.method ?? .post
        guard method == .post else { return false }
        try Signer.refuseCommonParameters(request, algorithm: .tc3)
        let plan = try self.plan(request, options: options, credentials: credentials, method: method)
        let stamp = schemaVersion.map { SignOutput.Stamp(schemaVersion: $0, timestamp: options.timestamp.unixSeconds, nonce: nil) }
        guard let template = plan.template(showSecrets: showSecrets, stamp: stamp) else { return false }
        if let given = options.body {
            try given.withUnsafeBufferPointer { body throws(SigScopeError) in try template.write(body: body, contexts: contexts, into: out) }
            return true
        }
        // The body is serialized into the worker's scratch buffer and hashed and written from there.
        scratch.removeAll()
        if let paramsText {
            // Minifying the line's own text is a quarter of the work of re-serializing the params.
            JSONWriter.appendMinified(paramsText, to: scratch)
        } else {
            JSONWriter.compact.write(.object(request.params), into: scratch)
        }
        try template.write(body: scratch.bytes, contexts: contexts, into: out)
        return true
    }

    /// The plan for `request`: a kept one when everything it depends on is the same, else a new one.
    func plan(_ request: APIRequest, options: SigningOptions, credentials: Credentials, method: HTTPMethod) throws(SigScopeError) -> Plan {
        for plan in plans.values where plan.matches(request, options: options, credentials: credentials, method: method) {
            return plan
        }
        let prepared = try TC3Signer.Prepared(request, options: options, credentials: credentials, method: method)
        let plan = Plan(request, options: options, credentials: credentials, method: method, prepared: prepared,
                        signer: try signer(credentials, date: prepared.date, service: prepared.service))
        plans.insert(plan)
        return plan
    }

    /// A kept signer of `credentials` for `date` and `service`, else a new one (keys derived once).
    private func signer(_ credentials: Credentials, date: String, service: String) throws(SigScopeError) -> TC3Signer {
        for signer in signers.values where signer.credentials.secretId == credentials.secretId && signer.derives(credentials.secretKey, date: date, service: service) {
            return signer
        }
        let signer = try TC3Signer(credentials: credentials, date: date, service: service)
        signers.insert(signer)
        return signer
    }

    /// What a signature takes from the options, the credentials and the request's action and
    /// region, but not from its params (`TC3Signer.Prepared`), with what it was made from, its
    /// signer and its output template.
    final class Plan {
        // What the plan was made from.
        private let method: HTTPMethod
        private let endpointOption: String?
        private let serviceOption: String?
        private let contentTypeOption: String?
        private let action: String
        private let region: String?
        private let apiVersionOption: String?
        private let timestamp: Timestamp
        private let token: String?
        private let language: String?
        private let extraSignedHeaders: [String]
        private let secretId: String
        // What it made.
        let prepared: TC3Signer.Prepared
        let signer: TC3Signer
        private var template: CompactTemplate?
        /// The template could not be cut for this `showSecrets` and stamp's version (see `CompactTemplate.init`).
        private var declined: (showSecrets: Bool, schemaVersion: Int?)?

        init(_ request: APIRequest, options: SigningOptions, credentials: Credentials, method: HTTPMethod, prepared: TC3Signer.Prepared, signer: TC3Signer) {
            self.method = method
            endpointOption = options.endpoint
            serviceOption = options.service
            contentTypeOption = options.contentType
            action = request.action
            region = request.region
            apiVersionOption = options.apiVersion
            timestamp = options.timestamp
            token = credentials.token
            language = options.language
            extraSignedHeaders = options.extraSignedHeaders
            secretId = credentials.secretId
            self.prepared = prepared
            self.signer = signer
        }

        /// True when signing `request` with these options and credentials makes this same plan
        /// (and signs with this plan's secret).
        func matches(_ request: APIRequest, options: SigningOptions, credentials: Credentials, method: HTTPMethod) -> Bool {
            self.method == method && action == request.action && region == request.region && timestamp == options.timestamp
                && endpointOption == options.endpoint && serviceOption == options.service && contentTypeOption == options.contentType
                && apiVersionOption == options.apiVersion && token == credentials.token && language == options.language
                && extraSignedHeaders == options.extraSignedHeaders && secretId == credentials.secretId
                && ConstantTime.equals(signer.credentials.secretKey.bytes, credentials.secretKey.bytes)
        }

        /// The output template for `showSecrets` and `stamp` (whose timestamp is the plan's), made
        /// on first use; nil when it cannot be made.
        func template(showSecrets: Bool, stamp: SignOutput.Stamp?) -> CompactTemplate? {
            let version = stamp?.schemaVersion
            if let template, template.showSecrets == showSecrets, template.stamp?.schemaVersion == version { return template }
            if let declined, declined.showSecrets == showSecrets, declined.schemaVersion == version { return nil }
            guard let made = CompactTemplate(prepared, signer: signer, showSecrets: showSecrets, stamp: stamp) else {
                declined = (showSecrets, version)
                return nil
            }
            template = made
            return made
        }
    }
}

/// Up to `capacity` values, the oldest making room for a new one.
struct Recent<Value> {
    private(set) var values: [Value] = []
    private var oldest = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    mutating func insert(_ value: Value) {
        if values.count < capacity {
            values.append(value)
        } else {
            values[oldest] = value
            oldest = (oldest + 1) % capacity
        }
    }
}
