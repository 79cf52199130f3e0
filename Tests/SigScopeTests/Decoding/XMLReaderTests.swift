import Foundation
import Testing
import SigScopeTestSupport
import SigScope
import CSigScopeLibXML2
import Synchronization

/// The libxml2 reader: the tree it builds, its errors, and its refusals.
@Suite("XML reader")
struct XMLReaderTests {
    private func parse(_ text: String, limits: XMLLimits = XMLLimits()) throws(XMLSyntaxError) -> XMLTreeElement {
        try XMLReader.parse(Array(text.utf8), limits: limits)
    }

    private func refusal(_ text: String, limits: XMLLimits = XMLLimits()) -> XMLSyntaxError? {
        do {
            _ = try parse(text, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test("builds the element tree of Alibaba's documented error body")
    func buildsTree() throws {
        let root = try parse("""
        <?xml version="1.0" encoding="UTF-8"?>
        <Error>
            <RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>
            <HostId>ecs.aliyuncs.com</HostId>
            <Code>MissingParameter.CommandId</Code>
        </Error>
        """)
        #expect(root.name == "Error")
        #expect(root.children.map(\.name) == ["RequestId", "HostId", "Code"])
        #expect(root.child("HostId")?.text == "ecs.aliyuncs.com")
        #expect(root.text == "", "indentation between child elements is dropped")
    }

    @Test("resolves predefined entities and character references in text and attributes; CDATA is text")
    func references() throws {
        let root = try parse("<M a='x&amp;y &#38; &lt;&#x4e2d;' b=\"&quot;\">A&amp;B &#x4e2d;&#25991; <![CDATA[<raw> & ]]></M>")
        #expect(root.text == "A&B 中文 <raw> & ")
        #expect(root.attribute("a") == "x&y & <中")
        #expect(root.attribute("b") == "\"")
    }

    @Test("keeps namespace prefixes and URIs")
    func namespaces() throws {
        let root = try parse("<p:a xmlns:p='urn:x' p:k='v'><p:b/></p:a>")
        #expect(root.name == "p:a" && root.namespaceURI == "urn:x")
        #expect(root.attribute("p:k") == "v")
        #expect(root.children.first?.name == "p:b")
    }

    @Test("reports malformed XML with line and column")
    func malformed() throws {
        let error = try #require(refusal("<Error>\n  <Code>X</Codes>\n</Error>"))
        #expect(error.kind == .malformed)
        #expect(error.line == 2)
        #expect(error.column != nil)
        #expect(error.reason.contains("Code"))
        #expect(refusal("")?.kind == .malformed)
        #expect(refusal("<a/><b/>")?.kind == .malformed)
        #expect(refusal("<a>&undeclared;</a>")?.reason.contains("undeclared") == true, "an undeclared entity is an error, never a lookup")
    }

    @Test("refuses the billion-laughs document at its DOCTYPE, at once")
    func billionLaughs() throws {
        let start = ContinuousClock.now
        let error = try #require(refusal(Hostile.billionLaughs))
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(error.kind == .forbiddenDTD)
        #expect(error.reason.contains("DOCTYPE"))
    }

    @Test("refuses an external entity without opening the file (a FIFO would block any reader)")
    func externalEntityFile() throws {
        let directory = try Hostile.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = try Hostile.fifo(in: directory)
        for url in ["file://" + fifo.path, fifo.path] {
            let document = Hostile.externalEntity(url)
            let done = DispatchSemaphore(value: 0)
            final class Box: @unchecked Sendable { var error: XMLSyntaxError? }
            let box = Box()
            Thread.detachNewThread {
                do { _ = try XMLReader.parse(Array(document.utf8)) } catch let error as XMLSyntaxError { box.error = error } catch {}
                done.signal()
            }
            let finished = done.wait(timeout: .now() + 5) == .success
            if !finished { Hostile.release(fifo: fifo) }
            #expect(finished, "the parser blocked opening the FIFO: it tried to read the file")
            #expect(box.error?.kind == .forbiddenDTD)
        }
        let passwd = try #require(refusal(Hostile.externalEntity("file:///etc/passwd")))
        #expect(passwd.kind == .forbiddenDTD)
        #expect(!passwd.reason.contains("root:"))
    }

    @Test("refuses external DTDs and parameter entities without connecting anywhere")
    func externalDTD() throws {
        let trap = try ConnectionTrap()
        let url = "http://127.0.0.1:\(trap.port)/evil.dtd"
        for document in [Hostile.externalDTD(url), Hostile.externalEntity(url), Hostile.parameterEntity(url)] {
            #expect(refusal(document)?.kind == .forbiddenDTD)
        }
        #expect(!trap.wasContacted, "something connected to the trap")
    }

    @Test("never calls, and never replaces, the process's libxml2 external-entity loader (the host program's setting)")
    func processLoaderUntouched() throws {
        let previous = xmlGetExternalEntityLoader()
        defer { xmlSetExternalEntityLoader(previous) }
        xmlSetExternalEntityLoader(countingLoader)
        let directory = try Hostile.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("entity.txt")
        try Data("secret".utf8).write(to: file)
        for document in [Hostile.externalEntity(file.path), Hostile.externalEntity("file://" + file.path), Hostile.externalDTD("file://" + file.path),
                         Hostile.parameterEntity("file://" + file.path), "<Error><Code>x</Code></Error>"] {
            _ = try? XMLReader.parse(Array(document.utf8))
        }
        #expect(LoaderCalls.count.load(ordering: .relaxed) == 0, "a parse reached the process's external-entity loader")
        let installed = xmlGetExternalEntityLoader().map { unsafeBitCast($0, to: UnsafeRawPointer.self) }
        #expect(installed == unsafeBitCast(countingLoader as xmlExternalEntityLoader, to: UnsafeRawPointer.self), "a parse replaced the process's loader")
    }

    @Test("does not process XInclude")
    func noXInclude() throws {
        let root = try parse("<x xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></x>")
        #expect(root.children.first?.name == "xi:include")
        #expect(root.children.first?.text == "")
    }

    @Test("refuses 100,000-deep nesting at the depth limit, quickly")
    func deepNesting() throws {
        let deep = Hostile.deepXML(100_000)
        let start = ContinuousClock.now
        do {
            _ = try XMLReader.parse(deep)
            Issue.record("accepted 100,000 levels")
        } catch {
            #expect(error.kind == .limitExceeded)
            #expect(error.reason.contains("256"))
        }
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(throws: Never.self) { try XMLReader.parse(Hostile.deepXML(256)) }
        #expect(throws: XMLSyntaxError.self) { try XMLReader.parse(Hostile.deepXML(257)) }
    }

    @Test("refuses input over the size limit before parsing")
    func sizeLimit() throws {
        let error = try #require(refusal("<a>" + String(repeating: "x", count: 2000) + "</a>", limits: XMLLimits(maxDepth: 10, maxBytes: 1000)))
        #expect(error.kind == .limitExceeded)
    }

    @Test("parses concurrently without mixing up errors (per-parse error handling)")
    func concurrent() async throws {
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for i in 0..<64 {
                group.addTask {
                    let text = i % 2 == 0 ? "<R><V>\(i)</V></R>" : "<R>\n<V>\(i)</W></R>"
                    do {
                        let root = try XMLReader.parse(Array(text.utf8))
                        return (i, root.child("V")?.text ?? "?")
                    } catch let error as XMLSyntaxError {
                        return (i, "error line \(error.line ?? 0)")
                    } catch {
                        return (i, "other error")
                    }
                }
            }
            var all: [(Int, String)] = []
            for await result in group { all.append(result) }
            return all
        }
        for (i, outcome) in results {
            #expect(outcome == (i % 2 == 0 ? "\(i)" : "error line 2"))
        }
    }
}

/// Counts the calls of `countingLoader`, the stand-in for a host program's loader.
enum LoaderCalls {
    static let count = Atomic<Int>(0)
}

/// A host program's external-entity loader: refuses everything, and counts.
private let countingLoader: xmlExternalEntityLoader = { _, _, _ in
    LoaderCalls.count.add(1, ordering: .relaxed)
    return nil
}
