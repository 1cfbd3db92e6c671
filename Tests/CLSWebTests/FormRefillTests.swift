import NIOCore
import XCTest
@testable import CLSWeb

/// A refused form comes back as it was typed: the refill, on HTML as our templates write it.
final class FormRefillTests: XCTestCase {
    private func refill(_ html: String, action: String = "/f", sent: [(String, String)],
                        messages: [FormRefusal.Message]) -> String {
        FormRefill(action: action, submitted: SubmittedForm(fields: sent.map { (name: $0.0, value: $0.1) }),
                   refusal: FormRefusal(messages)).apply(to: html)
    }

    func testTextFieldsTextAreasAndListsGetWhatWasSent() {
        let html = """
        <main><form method="post" action="/f">
        <input type="hidden" name="_csrf" value="tok">
        <div class="field"><label for="a">Montant</label><input id="a" name="amount" value="10"></div>
        <textarea name="comment">ancien</textarea>
        <select name="funder"><option value="">—</option><option value="ars" selected>ARS</option><option value="cpam">CPAM</option></select>
        <input type="checkbox" name="done" value="1" checked>
        <input type="checkbox" name="tags[]" value="x"><input type="checkbox" name="tags[]" value="y">
        <input type="password" name="secret" value="">
        </form></main>
        """
        let page = refill(html, sent: [("amount", "12 personnes"), ("comment", "Rien ne s'est passé <vraiment>"),
                                       ("funder", "cpam"), ("tags[]", "y"), ("secret", "motdepasse")],
                          messages: [.init(field: "amount", text: "Le montant doit être un nombre.")])
        XCTAssertTrue(page.contains(#"value="12 personnes""#), page)
        XCTAssertTrue(page.contains("Rien ne s&#39;est passé &lt;vraiment&gt;</textarea>") || page.contains("Rien ne s&#x27;est passé &lt;vraiment&gt;</textarea>"), page)
        XCTAssertFalse(page.contains("ancien"))
        XCTAssertTrue(page.contains(#"<option value="cpam" selected>"#), page)
        XCTAssertFalse(page.contains(#"value="ars" selected"#), page)
        // A box not sent is a box left unticked; one sent is ticked.
        XCTAssertFalse(page.contains(#"name="done" value="1" checked"#), page)
        XCTAssertTrue(page.contains(#"name="tags[]" value="y" checked"#), page)
        XCTAssertFalse(page.contains(#"name="tags[]" value="x" checked"#), page)
        // Secrets and the server's own fields are never written back.
        XCTAssertFalse(page.contains("motdepasse"))
        XCTAssertTrue(page.contains(#"name="_csrf" value="tok""#))
    }

    func testTheMessageSitsNextToItsFieldAndTheSummaryLinksToIt() {
        let html = #"<main><h1>Budget</h1><form method="post" action="/f"><div class="field"><input id="a" name="amount"></div><input name="year"></form></main>"#
        let page = refill(html, sent: [("amount", "x"), ("year", "20x5")],
                          messages: [.init(field: "amount", text: "Montant illisible."),
                                     .init(field: "year", text: "Année illisible."),
                                     .init(field: nil, text: "Rien n'a changé.")])
        XCTAssertTrue(page.contains(#"<div class="field field--error">"#), page)
        XCTAssertTrue(page.contains(#"<span class="error-message" id="a-erreur">Montant illisible.</span>"#), page)
        XCTAssertTrue(page.contains(#"aria-invalid="true""#))
        XCTAssertTrue(page.contains(#"aria-describedby="a-erreur""#), page)
        // A field without an id gets one, so that the summary can link to it.
        XCTAssertTrue(page.contains(#"id="champ-year""#), page)
        XCTAssertTrue(page.contains(##"<a href="#champ-year">Année illisible.</a>"##), page)
        XCTAssertTrue(page.contains("<li>Rien n&#39;a changé.</li>") || page.contains("<li>Rien n&#x27;a changé.</li>"), page)
        XCTAssertTrue(page.contains("corrigez ces 3 points"), page)
        // The summary opens the form, before its first field.
        let summary = try? XCTUnwrap(page.range(of: "error-summary"))
        let field = try? XCTUnwrap(page.range(of: #"name="amount""#))
        XCTAssertLessThan(summary!.lowerBound, field!.lowerBound)
        XCTAssertGreaterThan(summary!.lowerBound, page.range(of: "<form")!.lowerBound)
    }

    func testTheFormSentIsTheOneWhoseHiddenFieldsMatch() {
        // Two forms post to the same path, one per budget line: only the line sent is refilled.
        let html = """
        <form method="post" action="/f?x=1"><input type="hidden" name="line" value="1"><input name="amount" value="5"></form>
        <form method="post" action="/f"><input type="hidden" name="line" value="2"><input name="amount" value="7"></form>
        """
        let page = refill(html, sent: [("line", "2"), ("amount", "huit")], messages: [.init(field: "amount", text: "Nombre attendu.")])
        XCTAssertTrue(page.contains(#"<input name="amount" value="5">"#), page)
        XCTAssertTrue(page.contains(#"value="huit""#), page)
        XCTAssertEqual(page.components(separatedBy: "error-message").count, 2, page)
    }

    func testAFormFoldedInDetailsIsUnfolded() {
        let html = #"<details><summary>Ajouter</summary><form method="post" action="/f"><input name="name"></form></details><details><summary>Autre</summary></details>"#
        let page = refill(html, sent: [("name", "")], messages: [.init(field: "name", text: "Le nom est obligatoire.")])
        XCTAssertTrue(page.hasPrefix("<details open>"), page)
        XCTAssertTrue(page.contains("</details><details><summary>Autre"), page)
    }

    func testAListMessageGoesToItsFirstBox() {
        let html = #"<form method="post" action="/f"><input type="checkbox" name="ids[]" value="a"><input type="checkbox" name="ids[]" value="b"></form>"#
        let page = refill(html, sent: [], messages: [.init(field: "ids", text: "Cochez au moins une action.")])
        XCTAssertEqual(page.components(separatedBy: "Cochez au moins une action.").count, 3, page) // next to the box and in the summary
        XCTAssertEqual(page.components(separatedBy: "aria-invalid").count, 2, page)
    }

    func testWithoutTheFormTheSummaryOpensTheMainContent() {
        let html = "<body><main><h1>Titre</h1></main></body>"
        let page = refill(html, sent: [("a", "b")], messages: [.init(field: "a", text: "Refusé & pourquoi.")])
        XCTAssertTrue(page.hasPrefix(#"<body><main><div class="error-summary""#), page)
        XCTAssertTrue(page.contains("Refusé &amp; pourquoi."), page)
    }

    func testMultipartFieldsAreReadWithoutTheFiles() {
        var body = ByteBuffer()
        body.writeString("--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nCompte rendu\r\n")
        body.writeString("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF\r\n--b--\r\n")
        let fields = SubmittedForm.multipartFields(body, boundary: "b")
        XCTAssertEqual(fields.map(\.name), ["title"])
        XCTAssertEqual(fields.first?.value, "Compte rendu")
    }

    func testRefusalsAreRecognisedWithTheirField() {
        XCTAssertEqual(FormRefusal(WebError.invalid("Date illisible.", field: "date"))?.messages,
                       [.init(field: "date", text: "Date illisible.")])
        XCTAssertEqual(FormRefusal.formName(ofColumn: "person_name"), "personName")
        XCTAssertNil(FormRefusal(WebError.notFound))
    }
}
