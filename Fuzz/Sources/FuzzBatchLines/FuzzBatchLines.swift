import FuzzSupport
@testable import SigScope

/// libFuzzer entry point: one JSON Lines batch input, read the way `sign --batch` reads it.
///
/// The batch's own line scanner lives in the `sigscope` executable, which a separate package
/// cannot import; the lines are split here by the same rule (LF ends a line, a CR before it is
/// dropped, lines of only spaces and tabs are skipped). Each line then goes through the library
/// entry the batch uses, `RequestDraft.parse(_:source:paramsSpan:)`, and the batch's TC3 body
/// shortcut is checked against its documented contract: the `params` text without escapes, less
/// its whitespace (`JSONWriter.appendMinified`), is byte for byte what the compact writer writes
/// for the parsed params. A difference traps, as a crash would.
@main
enum Harness {
    static func main() {
        FuzzMain.run { bytes in
            bytes.withUnsafeBufferPointer { input in
                var start = 0
                while start < input.count {
                    var end = start
                    while end < input.count, input[end] != 0x0A { end += 1 }
                    var last = end
                    if last > start, input[last - 1] == 0x0D { last -= 1 }
                    let line = UnsafeBufferPointer(rebasing: input[start..<last])
                    if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) { readLine(line) }
                    start = end + 1
                }
            }
        }
    }
}

func readLine(_ line: UnsafeBufferPointer<UInt8>) {
    var span: JSONSpan?
    guard let draft = try? RequestDraft.parse(line, source: "fuzz.jsonl", paramsSpan: &span) else { return }
    if let span, !span.hasEscapes {
        let minified = ByteBuffer(capacity: span.range.count)
        JSONWriter.appendMinified(UnsafeBufferPointer(rebasing: line[span.range]), to: minified)
        let compact = JSONWriter.compact.bytes(.object(draft.params))
        if !minified.bytes.elementsEqual(compact) {
            preconditionFailure("the minified params text differs from the compact writer's output: \(String(decoding: minified.bytes, as: UTF8.self)) vs \(String(decoding: compact, as: UTF8.self))")
        }
    }
    for provider in draft.provider.map({ [$0] }) ?? Provider.allCases {
        guard let request = try? RequestBuilder.build(draft, overrides: RequestOverrides(provider: provider), source: "fuzz.jsonl") else { continue }
        _ = Validator.validate(request)
    }
}
