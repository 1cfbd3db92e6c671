import CLSCore
import CLSStore
import Fluent
import Vapor

/// The perimeter of a contract: what it covers now, its history, and the form to change it.
struct PerimeterController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .perimeter), use: show)
        routes.post(.contract(.key, .perimeter), use: update, refusedOn: show)
    }

    func show(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await render(req, contract: contract)
    }

    func render(_ req: Request, contract: Contract) async throws -> Response {
        try await req.renderPage("contracts/perimeter", title: "Périmètre – \(contract.name)",
                                 try await PerimeterPage.load(contract, req.pageContext))
    }

    struct PerimeterForm: Content {
        var epciSiren: String?
        var communeCodes: String?
        var focusQPVCodes: String?
        var validFrom: String?
    }

    func update(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(PerimeterForm.self)
        func list(_ text: String?) -> [String] {
            (text ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
        }
        let validFrom = try req.day(form.validFrom, field: "validFrom", label: "date d'effet") ?? req.today
        do {
            try await Perimeters.set(contract: contract, epciSiren: form.epciSiren, communeCodes: list(form.communeCodes),
                                     focusQPVCodes: list(form.focusQPVCodes), validFrom: validFrom, using: req.mutations)
        } catch let failure as Perimeters.Failure {
            throw WebError.invalid(failure.message, field: Self.field(of: failure))
        }
        req.flash(.success, "Périmètre enregistré.")
        return req.redirect(to: .contract(try contract.requireID(), .perimeter))
    }

    /// The field a refused perimeter is about.
    static func field(of failure: Perimeters.Failure) -> String? {
        switch failure {
        case .noReference: nil
        case .unknownEPCI: "epciSiren"
        case .unknownCommunes, .empty: "communeCodes"
        case .qpvOutside: "focusQPVCodes"
        case .beforeCurrent: "validFrom"
        }
    }
}
