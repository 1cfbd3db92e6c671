import CLSCore
import Foundation

/// Lays out the contract document: title page, préambule, the parties, the articles, the
/// priorities and axes, the financing summary, the signatures, and the programme in annex with one
/// fiche action per page.
public enum ContractDocumentWriter {
    public static func document(_ content: ContractDocumentContent) -> DOCXDocument {
        var document = DOCXDocument(title: content.name)
        func text(_ part: ContractDocumentPart) -> String { content.texts[part] ?? "" }
        func paragraphs(_ text: String) -> [DOCXBlock] {
            text.split(separator: "\n", omittingEmptySubsequences: true).map { .text(String($0), alignment: .both) }
        }

        // Title page
        document.append(.title(content.name))
        document.append(.subtitle(content.subtitle))
        for line in content.facts { document.append(.paragraph([DOCXRun(line.label + " : ", bold: true), DOCXRun(line.value)], alignment: .center)) }
        document.append(.pageBreak)

        document.append(.heading(1, ContractDocumentPart.preamble.heading))
        document.append(contentsOf: paragraphs(text(.preamble)))

        document.append(.heading(1, "Les parties"))
        document.append(.text("Le présent contrat est conclu entre :"))
        if content.parties.isEmpty {
            document.append(.paragraph([DOCXRun("Les signataires restent à désigner.", italic: true)]))
        }
        for party in content.parties {
            var runs = [DOCXRun(party.organisation, bold: true)]
            if !party.kind.isEmpty { runs.append(DOCXRun(" (\(party.kind))")) }
            let signer = [party.representative, party.role].filter { !$0.isEmpty }.joined(separator: ", ")
            runs.append(DOCXRun(signer.isEmpty ? ", représentée par son représentant légal ;" : ", représentée par \(signer) ;"))
            document.append(.paragraph(runs))
        }
        if !content.partners.isEmpty {
            document.append(.text("Avec le concours des partenaires suivants :"))
            document.append(.bullets(content.partners.map { $0.value.isEmpty ? $0.label : "\($0.label) : \($0.value)" }))
        }
        document.append(.text("Il est convenu ce qui suit."))

        for part in [ContractDocumentPart.object, .perimeter, .duration, .commitments, .governance, .evaluation, .revision] {
            document.append(.heading(1, part.heading))
            document.append(contentsOf: paragraphs(text(part)))
            if part == .perimeter {
                if !content.perimeter.isEmpty { document.append(.paragraph([DOCXRun(content.perimeter, italic: true)])) }
                if !content.communes.isEmpty {
                    document.append(.paragraph([DOCXRun("\(FrenchFormat.count(content.communes.count, singular: "commune", plural: "communes")) : ", bold: true),
                                                DOCXRun(content.communes.joined(separator: ", ") + ".")], alignment: .both))
                }
            }
            if part == .governance, !content.governanceBodies.isEmpty {
                document.append(.bullets(content.governanceBodies.map { $0.value.isEmpty ? $0.label : "\($0.label) : \($0.value)" }))
            }
        }

        document.append(.heading(1, "Article 8 – Priorités et axes stratégiques"))
        if content.sections.isEmpty {
            document.append(.paragraph([DOCXRun("Le programme d'actions n'est pas encore établi.", italic: true)]))
        }
        for section in content.sections {
            document.append(.heading(min(section.depth + 2, 3), "\(section.kind) \(section.number) – \(section.title)"))
            if !section.summary.isEmpty { document.append(contentsOf: paragraphs(section.summary)) }
            if !section.actionTitles.isEmpty { document.append(.bullets(section.actionTitles)) }
        }

        document.append(.heading(1, "Article 9 – Financement"))
        if content.financingByFunder.isEmpty {
            document.append(.paragraph([DOCXRun("Aucun financement n'est encore inscrit au programme.", italic: true)]))
        } else {
            document.append(.text("Montants prévus au programme, par financeur puis par année, sous réserve des décisions budgétaires de chacun."))
            document.append(.table(header: ["Financeur", "Montant prévu"], rows: content.financingByFunder, widths: [3, 1]))
            if !content.financingByYear.isEmpty {
                document.append(.table(header: ["Année", "Montant prévu"], rows: content.financingByYear, widths: [3, 1]))
            }
        }

        document.append(.heading(1, "Signatures"))
        document.append(.text("Fait en autant d'exemplaires originaux que de signataires."))
        let signatures = content.parties.map { party in
            [party.organisation, [party.representative, party.role].filter { !$0.isEmpty }.joined(separator: "\n"),
             party.signedOn.isEmpty ? "Le :\n\nSignature :" : "Signé le \(party.signedOn)"]
        }
        document.append(.table(header: ["Signataire", "Représenté par", "Date et signature"], rows: signatures, widths: [3, 3, 3]))

        // Annex: one fiche action per page.
        if !content.actions.isEmpty {
            document.append(.pageBreak)
            document.append(.heading(1, "Annexe – Programme d'actions"))
            document.append(.text("\(FrenchFormat.count(content.actions.count, singular: "fiche action", plural: "fiches actions")), une par page."))
        }
        for action in content.actions {
            document.append(.pageBreak)
            document.append(.heading(2, "Fiche action \(action.number) – \(action.title)"))
            document.append(contentsOf: sheet(action))
        }
        return document
    }

    /// One fiche action alone: its contract as subtitle, then every field.
    public static func actionDocument(_ action: ContractDocumentContent.ActionSheet, contractName: String) -> DOCXDocument {
        var document = DOCXDocument(title: "Fiche action \(action.number) – \(action.title)")
        document.append(.heading(1, "Fiche action \(action.number) – \(action.title)"))
        document.append(.subtitle(contractName))
        document.append(contentsOf: sheet(action))
        return document
    }

    /// The body of a fiche: its place, fields, sub-actions, budget and indicators.
    static func sheet(_ action: ContractDocumentContent.ActionSheet) -> [DOCXBlock] {
        var blocks: [DOCXBlock] = []
        if !action.place.isEmpty { blocks.append(.paragraph([DOCXRun(action.place, italic: true)])) }
        for line in action.fields where !line.value.isEmpty {
            blocks.append(.field(label: line.label, value: line.value))
        }
        if !action.subActions.isEmpty {
            blocks.append(.heading(3, "Sous-actions"))
            blocks.append(.bullets(action.subActions))
        }
        if !action.budget.isEmpty {
            blocks.append(.heading(3, "Budget prévisionnel"))
            blocks.append(.table(header: ["Financeur", "Année", "Montant prévu"], rows: action.budget, widths: [3, 1, 2]))
        }
        if !action.indicators.isEmpty {
            blocks.append(.heading(3, "Indicateurs"))
            blocks.append(.table(header: ["Indicateur", "Unité", "Valeur de départ", "Cibles"], rows: action.indicators, widths: [4, 2, 2, 3]))
        }
        return blocks
    }

    public static func write(_ content: ContractDocumentContent) throws -> Data {
        try DOCXWriter.write(document(content))
    }
}
