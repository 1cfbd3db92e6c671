import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// The public page of a published contract, readable without an account: the contract, its
/// signatories, its programme (axes, fiches actions and their status, key indicators), its ISTS
/// profile, and the same public content as open data (CSV and JSON). Confidential actions never
/// appear, nor anything attached to them.
struct PublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.publicContract(.key), use: show)
        routes.get(.publicContractJSON(.key), use: openDataJSON)
        routes.get(.publicContractCSV(.key), use: openDataCSV)
    }

    func show(req: Request) async throws -> Response {
        let contract = try await req.publishedContract()
        return try await req.renderPage("public/contract", title: contract.name, try await PublicContractPage.load(contract, req.pageContext))
    }

    typealias OpenData = PublicContractPage.OpenData

    func openData(_ req: Request) async throws -> OpenData {
        try await PublicContractPage.openData(try await req.publishedContract(), req.pageContext)
    }

    func openDataJSON(req: Request) async throws -> Response {
        let data = try await openData(req)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let response = Response(status: .ok, body: .init(data: try encoder.encode(data)))
        response.headers.contentType = .json
        response.headers.contentDisposition = .init(.attachment, filename: "cls-donnees-publiques.json")
        return response
    }

    /// One row per public fiche action, then one per indicator.
    func openDataCSV(req: Request) async throws -> Response {
        let data = try await openData(req)
        var csv = CSVWriter()
        csv.append(["Contrat", "Axe", "Fiche action", "Statut", "Début", "Fin", "Thèmes", "Déterminants", "Stratégies", "Approche"])
        for action in data.actions {
            csv.append([data.contract.name, action.axis, action.title, action.statusLabel, action.startsOn ?? "", action.endsOn ?? "",
                        action.themes.joined(separator: ", "), action.determinants.joined(separator: ", "),
                        action.strategies.joined(separator: ", "), action.approach ?? ""])
        }
        csv.append([])
        csv.append(["Contrat", "Fiche action", "Indicateur", "Unité", "Année", "Cible", "Réalisé"])
        for indicator in data.indicators {
            csv.append([data.contract.name, indicator.action, indicator.name, indicator.unit, indicator.year.map(String.init) ?? "",
                        indicator.target.map { FrenchFormat.number($0) } ?? "", indicator.actual.map { FrenchFormat.number($0) } ?? ""])
        }
        let response = Response(status: .ok, body: .init(data: csv.data))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "cls-donnees-publiques.csv")
        return response
    }
}
