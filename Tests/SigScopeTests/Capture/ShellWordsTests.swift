import Testing
import SigScope

@Suite("shell words")
struct ShellWordsTests {
    func words(_ text: String) throws -> [String] {
        try ShellWords.split(Array(text.utf8), source: "t").tokens.compactMap { token in
            if case .word(let bytes, _) = token { return String(decoding: bytes, as: UTF8.self) }
            return nil
        }
    }

    @Test("single quotes keep everything literally, including backslashes, $ and double quotes")
    func singleQuotes() throws {
        #expect(try words(#"curl 'a b\n $X "q"'"#) == ["curl", #"a b\n $X "q""#])
    }

    @Test("'\\'' closes, escapes and reopens a single-quoted word, as sigscope curl writes quotes")
    func embeddedQuote() throws {
        #expect(try words(#"echo 'it'\''s'"#) == ["echo", "it's"])
    }

    @Test("double quotes honour only \\$ \\` \\\" \\\\ and backslash-newline")
    func doubleQuotes() throws {
        #expect(try words(#"x "a\"b \$c \\ \n""#) == ["x", #"a"b $c \ \n"#])
    }

    @Test("$'…' decodes C escapes: \\n \\t \\' \\\\ \\xHH octal and \\uXXXX to UTF-8")
    func ansiC() throws {
        #expect(try words(#"x $'a\nb\t\'\\\x41\101\u7f51'"#) == ["x", "a\nb\t'\\AA网"])
    }

    @Test("backslash-newline continues a command; words on both sides stay separate")
    func continuation() throws {
        #expect(try words("curl \\\n  -H 'a: b' \\\r\n  https://x/") == ["curl", "-H", "a: b", "https://x/"])
    }

    @Test("adjacent quoted and bare pieces form one word")
    func concatenation() throws {
        #expect(try words(#"a'b'"c"d\ e"#) == ["ab" + "cd e"])
    }

    @Test("| ; && and newline are operators, # starts a comment only at a word's start")
    func operators() throws {
        let tokens = try ShellWords.split(Array("printf 'x' | curl a#b # comment\nnext".utf8), source: "t").tokens
        var ops: [String] = []
        var texts: [String] = []
        for token in tokens {
            switch token {
            case .op(let op, _): ops.append(op)
            case .word(let bytes, _): texts.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        #expect(ops == ["|", "\n"])
        #expect(texts == ["printf", "x", "curl", "a#b", "next"])
    }

    @Test("an unbalanced quote is reported at the line and column where it opens")
    func unbalanced() {
        do {
            _ = try ShellWords.split(Array("curl https://x/ \\\n  -H 'Host: x\n".utf8), source: "cmd.sh")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidCapture)
            #expect(error.line == 2)
            #expect(error.column == 6)
            #expect(error.source == "cmd.sh")
        }
    }

    @Test("an unclosed $' string and an unclosed double quote are errors too")
    func unbalancedOthers() {
        #expect(throws: SigScopeError(.invalidCapture, "")) { try ShellWords.split(Array("x $'abc".utf8), source: "t") }
        #expect(throws: SigScopeError(.invalidCapture, "")) { try ShellWords.split(Array("x \"abc".utf8), source: "t") }
    }
}
