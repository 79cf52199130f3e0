import SigScope
/// Terminal styling: ANSI colours when enabled, plain text otherwise.
package struct Style: Sendable {
    package var enabled: Bool

    package init(enabled: Bool) {
        self.enabled = enabled
    }

    package static let plain = Style(enabled: false)

    private func wrap(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[" + code + "m" + text + "\u{1B}[0m" : text
    }

    package func bold(_ text: String) -> String { wrap("1", text) }
    package func dim(_ text: String) -> String { wrap("2", text) }
    package func red(_ text: String) -> String { wrap("31", text) }
    package func green(_ text: String) -> String { wrap("32", text) }
    package func yellow(_ text: String) -> String { wrap("33", text) }
    package func cyan(_ text: String) -> String { wrap("36", text) }
}
