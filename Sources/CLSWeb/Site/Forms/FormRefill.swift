import Foundation
import LeafKit

/// A refused form given back as it was typed: in the page rendered again, the form that was sent
/// gets every submitted value back (text, text areas, lists, boxes ticked or not), each message
/// next to its field (`aria-invalid`, `aria-describedby`, the field's box marked), and a summary
/// at its top linking to the fields; a form folded in a `<details>` is unfolded. Templates need
/// to know nothing of it: the page is the one its own handler renders.
struct FormRefill {
    /// The path the form was posted to: its `action`.
    let action: String
    let submitted: SubmittedForm
    let refusal: FormRefusal

    func apply(to html: String) -> String {
        let tokens = HTMLTokens(html).tokens
        guard let (start, end) = refusedForm(in: tokens) else {
            return insertingSummary(into: tokens, anchors: [:])
        }
        var output: [HTMLTokens.Token] = []
        var openDetails: [Int] = []
        for token in tokens[..<start] {
            if case .tag(let tag) = token, tag.name == "details" {
                if tag.isClosing { _ = openDetails.popLast() } else { openDetails.append(output.count) }
            }
            output.append(token)
        }
        for position in openDetails { output[position] = reopened(output[position]) }
        output.append(tokens[start])
        let summaryPosition = output.count

        var filler = Filler(submitted: submitted, errors: fieldErrors)
        var position = start + 1
        while position < end {
            position = filler.take(tokens, at: position, into: &output)
        }
        output.append(contentsOf: tokens[end...])
        output.insert(.text(Substring(summary(anchors: filler.anchors))), at: summaryPosition)
        return output.html
    }

    /// The summary alone, for a page whose template already shows the values typed and the
    /// messages next to the fields: it links to the fields named in the messages.
    func summarising(_ html: String) -> String {
        var output = HTMLTokens(html).tokens
        guard let (start, end) = refusedForm(in: output) else { return insertingSummary(into: output, anchors: [:]) }
        var anchors: [String: String] = [:]
        for case .tag(let tag) in output[start..<end] {
            guard let name = tag.attribute("name"), let id = tag.attribute("id") else { continue }
            let field = name.hasSuffix("[]") ? String(name.dropLast(2)) : name
            if anchors[field] == nil { anchors[field] = id }
        }
        output.insert(.text(Substring(summary(anchors: anchors))), at: start + 1)
        return output.html
    }

    /// The form that was sent: posting to the action, with hidden fields as sent (a page may
    /// hold several forms posting to one path, one per section for instance).
    private func refusedForm(in tokens: [HTMLTokens.Token]) -> (start: Int, end: Int)? {
        var position = 0
        while let start = tokens[position...].firstIndex(where: postsToAction),
              let end = tokens[start...].firstIndex(where: { isTag($0, "form", closing: true) }) {
            let hiddenFields = tokens[start..<end].compactMap { token -> (String, String)? in
                guard case .tag(let tag) = token, tag.name == "input", tag.attribute("type") == "hidden",
                      let name = tag.attribute("name"), !name.hasPrefix("_") else { return nil }
                return (name, tag.attribute("value") ?? "")
            }
            if hiddenFields.allSatisfy({ submitted.values($0.0).contains($0.1) }) { return (start, end) }
            position = end
        }
        return nil
    }

    private func postsToAction(_ token: HTMLTokens.Token) -> Bool {
        guard case .tag(let tag) = token, tag.name == "form", !tag.isClosing,
              tag.attribute("method")?.lowercased() == "post",
              let target = tag.attribute("action").flatMap(URLComponents.init(string:)) else { return false }
        return target.path == action
    }

    private func isTag(_ token: HTMLTokens.Token, _ name: String, closing: Bool) -> Bool {
        if case .tag(let tag) = token { tag.name == name && tag.isClosing == closing } else { false }
    }

    private func reopened(_ token: HTMLTokens.Token) -> HTMLTokens.Token {
        guard case .tag(var tag) = token else { return token }
        tag.set("open", to: nil)
        return .tag(tag)
    }

    /// The first message for each named field.
    private var fieldErrors: [String: String] {
        refusal.messages.reduce(into: [:]) { errors, message in
            if let field = message.field, errors[field] == nil { errors[field] = message.text }
        }
    }

    private func insertingSummary(into tokens: [HTMLTokens.Token], anchors: [String: String]) -> String {
        var output = tokens
        let main = tokens.firstIndex { if case .tag(let tag) = $0 { tag.name == "main" && !tag.isClosing } else { false } }
        output.insert(.text(Substring(summary(anchors: anchors))), at: main.map { $0 + 1 } ?? 0)
        return output.html
    }

    /// Every message, those about a field linking to it.
    private func summary(anchors: [String: String]) -> String {
        let items = refusal.messages.map { message in
            let text = message.text.htmlEscaped()
            guard let id = message.field.flatMap({ anchors[$0] }) else { return "<li>\(text)</li>" }
            return "<li><a href=\"#\(id.htmlEscaped())\">\(text)</a></li>"
        }
        let title = refusal.messages.count > 1
            ? "Rien n'a été enregistré : corrigez ces \(refusal.messages.count) points puis envoyez de nouveau."
            : "Rien n'a été enregistré : corrigez ce point puis envoyez de nouveau."
        return "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus>"
            + "<p class=\"error-summary__title\">\(title.htmlEscaped())</p><ul>\(items.joined())</ul></div>"
    }
}

/// Walks the tokens of one form, writing them with the submitted values and the messages.
private struct Filler {
    /// Input types whose value is never written back: the server's own, secrets, files and buttons.
    static let unfilledTypes: Set<String> = ["hidden", "password", "file", "submit", "button", "image", "reset"]

    let submitted: SubmittedForm
    let errors: [String: String]
    /// The id of the field each message is attached to, for the summary's links.
    private(set) var anchors: [String: String] = [:]
    private var occurrences: [String: Int] = [:]
    private var selectValues: [String]?
    private var openDivs: [Int] = []

    init(submitted: SubmittedForm, errors: [String: String]) {
        self.submitted = submitted
        self.errors = errors
    }

    /// Writes the token at `position` (and what belongs to it) and returns the next position.
    mutating func take(_ tokens: [HTMLTokens.Token], at position: Int, into output: inout [HTMLTokens.Token]) -> Int {
        guard case .tag(var tag) = tokens[position] else {
            output.append(tokens[position])
            return position + 1
        }
        switch (tag.name, tag.isClosing) {
        case ("div", false): openDivs.append(output.count)
        case ("div", true): _ = openDivs.popLast()
        case ("select", true): selectValues = nil
        case ("option", false): selectOption(&tag, text: nextText(tokens, after: position))
        case ("input", false), ("select", false), ("textarea", false):
            guard let name = tag.attribute("name"), !name.hasPrefix("_") else { break }
            // A list of values is sent as `name[]`; its message is about `name`.
            let field = name.hasSuffix("[]") ? String(name.dropLast(2)) : name
            if let message = errors[name] ?? errors[field], anchors[name] == nil, anchors[field] == nil {
                annotate(&tag, name: errors[name] == nil ? field : name, message: message, output: &output)
            }
            switch tag.name {
            case "input": fillInput(&tag, name: name)
            case "select": selectValues = submitted.contains(name) ? submitted.values(name) : nil
            default:
                guard let value = nextValue(name) else { break }
                output.append(.tag(tag))
                output.append(.text(Substring(value.htmlEscaped())))
                // The text area's former content is replaced: skip to its end tag.
                var next = position + 1
                while next < tokens.count, case .text = tokens[next] { next += 1 }
                return next
            }
        default: break
        }
        output.append(.tag(tag))
        return position + 1
    }

    private mutating func fillInput(_ tag: inout HTMLTag, name: String) {
        let type = tag.attribute("type")?.lowercased() ?? "text"
        switch type {
        case "checkbox", "radio":
            // An unticked box is not sent: for boxes, absence is an answer.
            guard type == "checkbox" || submitted.contains(name) else { return }
            if submitted.values(name).contains(tag.attribute("value") ?? "on") { tag.set("checked", to: nil) } else { tag.remove("checked") }
        case _ where Self.unfilledTypes.contains(type):
            return
        default:
            if let value = nextValue(name) { tag.set("value", to: value) }
        }
    }

    private func selectOption(_ tag: inout HTMLTag, text: String) {
        guard let selectValues else { return }
        if selectValues.contains(tag.attribute("value") ?? text) { tag.set("selected", to: nil) } else { tag.remove("selected") }
    }

    /// The next value sent under a name: fields sharing a name get theirs in order.
    private mutating func nextValue(_ name: String) -> String? {
        let values = submitted.values(name)
        let index = occurrences[name, default: 0]
        occurrences[name] = index + 1
        return index < values.count ? values[index] : nil
    }

    private func nextText(_ tokens: [HTMLTokens.Token], after position: Int) -> String {
        guard position + 1 < tokens.count, case .text(let text) = tokens[position + 1] else { return "" }
        return HTMLText.unescape(String(text)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private mutating func annotate(_ tag: inout HTMLTag, name: String, message: String, output: inout [HTMLTokens.Token]) {
        let id = tag.attribute("id") ?? "champ-" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" })
        if !tag.has("id") { tag.set("id", to: id) }
        let errorId = id + "-erreur"
        tag.append(errorId, to: "aria-describedby")
        tag.set("aria-invalid", to: "true")
        anchors[name] = id
        output.append(.text(Substring("<span class=\"error-message\" id=\"\(errorId.htmlEscaped())\">\(message.htmlEscaped())</span>")))
        // The field's box, when it has one, is marked as in error.
        if let box = openDivs.last(where: { position in
            if case .tag(let div) = output[position] { (div.attribute("class") ?? "").split(separator: " ").contains("field") } else { false }
        }), case .tag(var div) = output[box] {
            div.append("field--error", to: "class")
            output[box] = .tag(div)
        }
    }
}

