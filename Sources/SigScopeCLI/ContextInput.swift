import SigScope
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads `--context` paths (files and folders) and builds the state the library checks against.
enum ContextInput {
    /// The state of the files under `paths`, or nil when none is given.
    /// - Parameter provider: the request's provider; a context of the other provider is refused.
    /// - Throws: `SigScopeError` naming the file that cannot be read or used (exit 2).
    static func load(_ paths: [String], provider: Provider) throws(SigScopeError) -> ContextState? {
        guard !paths.isEmpty else { return nil }
        let files = try self.files(paths)
        let state = try ContextLoader.load(files, limits: .standard)
        if let found = state.provider, found != provider {
            throw SigScopeError(.invalidContext, "the context is \(found.displayName)'s (\(files.map(\.name).prefix(3).joined(separator: ", "))\(files.count > 3 ? ", …" : "")), but the request is \(provider.displayName)'s; give the \(provider.displayName) responses")
        }
        return state
    }

    /// Refuses `-` for the request and a context file, or for two context files, before
    /// anything is read (the request would take the stream and the context find it empty).
    static func refuseSharedStdin(request: String?, _ paths: [String]) throws(SigScopeError) {
        if paths.filter({ $0 == "-" }).count + (request == "-" ? 1 : 0) > 1 { throw Frontend.stdinTwice }
    }

    /// Every file under `paths`: a file as it is, a folder's regular files (sub-folders too),
    /// in name order, hidden ones (`.name`) left out.
    static func files(_ paths: [String]) throws(SigScopeError) -> [ContextLoader.File] {
        var result: [ContextLoader.File] = []
        for path in paths {
            if isDirectory(path) {
                let names = try listing(path)
                if names.isEmpty {
                    throw SigScopeError(.invalidContext, "the folder holds no files; put saved Describe* responses in it", source: path)
                }
                for name in names {
                    result.append(ContextLoader.File(name: name, bytes: try read(name)))
                }
            } else {
                result.append(ContextLoader.File(name: path == "-" ? "<stdin>" : path, bytes: try read(path)))
            }
        }
        return result
    }

    private static func read(_ path: String) throws(SigScopeError) -> [UInt8] {
        let limits = ResponseLimits.standard
        do throws(SigScopeError) {
            return try Frontend.read(path, limit: limits.maxBytes)
        } catch where error.code == .limitExceeded {
            throw SigScopeError(.limitExceeded, "larger than the limit of \(limits.maxBytes) bytes (\(limits.maxBytes >> 20) MiB) for a saved response", source: path)
        } catch where error.code == .invalidRequest {
            throw SigScopeError(.invalidContext, error.message, subject: error.subject, source: error.source ?? path)
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        guard path != "-" else { return false }
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The regular files under `folder`, recursively, sorted by path.
    private static func listing(_ folder: String) throws(SigScopeError) -> [String] {
        guard let dir = opendir(folder) else {
            throw SigScopeError(.invalidContext, "cannot open the folder: \(String(cString: strerror(errno)))", source: folder)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        var result: [String] = []
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        for name in names.sorted() {
            let path = base + "/" + name
            if isDirectory(path) {
                result += try listing(path)
            } else {
                var info = stat()
                if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { result.append(path) }
            }
        }
        return result
    }
}
