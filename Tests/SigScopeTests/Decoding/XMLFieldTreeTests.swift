import Testing
@testable import SigScope

/// An XML body as the untyped field tree a JSON body of the same response would be.
@Suite("XML field tree")
struct XMLFieldTreeTests {
    private func tree(_ xml: String) throws -> JSONValue {
        try XMLReader.parse(Array(xml.utf8)).rawFieldTree
    }

    @Test("children repeated under one name become an array, in order of first appearance")
    func grouping() throws {
        let xml = "<R><B>1</B><A x=\"y\">t</A><B>2</B><C><D>3</D></C><B>4</B>  text  </R>"
        let expected: JSONValue = .object([
            "B": .array([.string("1"), .string("2"), .string("4")]),
            "A": .object(["@x": .string("y"), "#text": .string("t")]),
            "C": .object(["D": .string("3")]),
            "#text": .string("  text  "),
        ])
        #expect(try tree(xml) == expected)
    }

    @Test("many distinct names (past the point where names are hashed) group the same way")
    func manyNames() throws {
        // 40 distinct names, then every fifth one again: the repeats come after the grouping has
        // switched from a list of names to a dictionary, and must join their first occurrence.
        var xml = "<R>"
        var expected: [(String, [String])] = []
        for i in 0..<40 {
            xml += "<N\(i)>v\(i)</N\(i)>"
            expected.append(("N\(i)", ["v\(i)"]))
        }
        for i in stride(from: 0, to: 40, by: 5) {
            xml += "<N\(i)>w\(i)</N\(i)>"
            expected[i].1.append("w\(i)")
        }
        xml += "</R>"
        let members = expected.map { name, values in
            JSONMember(name, values.count == 1 ? .string(values[0]) : .array(values.map { .string($0) }))
        }
        #expect(try tree(xml) == .object(JSONObject(members)))
    }
}
