import CLSCore
import CLSStore
import Fluent
import Vapor

/// Budget lines and indicators of a fiche action.
extension ActionController {
    struct BudgetLineForm: Content {
        var funderOrganisationId: String?
        var funderName: String?
        var year: String?
        var kind: String?
        var unit: String?
        var planned: String?
        var actual: String?
        var channel: String?
        var callName: String?
        var status: String?
        var refusalReason: String?
        var suggestedFunder: String?
    }

    func addBudgetLine(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        let permission = Permission.editProgramme(contract.accessScope)
        try req.require(permission)
        let form = try req.content.decode(BudgetLineForm.self)
        var funderId: UUID?
        var funderName = (form.funderName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let id = form.funderOrganisationId.flatMap(UUID.init(uuidString:)) {
            guard let organisation = try await OrganisationQueries.find(id.uuidString, on: req.db) else {
                throw WebError.invalid("Choisissez le financeur dans la liste, ou saisissez son nom.", field: "funderOrganisationId")
            }
            funderId = id
            funderName = organisation.name
        }
        guard !funderName.isEmpty else { throw WebError.invalid("Indiquez le financeur : choisissez-le dans la liste ou saisissez son nom.", field: "funderName") }
        let year = try FormValue.year(form.year, field: "year")
        let planned = try FormValue.amount(form.planned, field: "planned", label: "montant prévu")
        let actual = try FormValue.amount(form.actual, field: "actual", label: "montant réalisé")
        let line = BudgetLine(actionId: try action.requireID(), contractId: try contract.requireID(),
                              funderName: funderName, year: year, planned: planned)
        line.$funderOrganisation.id = funderId
        line.actual = actual
        line.kind = BudgetLineKind(rawValue: form.kind ?? "")?.rawValue ?? BudgetLineKind.operating.rawValue
        line.unit = BudgetUnit(rawValue: form.unit ?? "")?.rawValue ?? BudgetUnit.euros.rawValue
        line.channel = FundingChannel(rawValue: form.channel ?? "")?.rawValue ?? ""
        line.callName = (form.callName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        line.status = BudgetStatus(rawValue: form.status ?? "")?.rawValue ?? BudgetStatus.requested.rawValue
        line.refusalReason = (form.refusalReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        line.suggestedFunder = (form.suggestedFunder ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if line.status == BudgetStatus.refused.rawValue, line.refusalReason.isEmpty {
            throw WebError.invalid("Un financement refusé s'accompagne de son motif : indiquez-le (et, si possible, le financeur suggéré à la place).", field: "refusalReason")
        }
        try await req.mutations.create(line, permission: permission)
        req.flash(.success, "Ligne budgétaire ajoutée.")
        return req.redirect(to: page(contract, action) + "#budget")
    }

    struct ActualForm: Content { var actual: String? }

    /// The pilot records what was actually spent.
    func recordActualSpending(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        let permission = action.followUpPermission(contract)
        try req.require(permission)
        let line = try await req.record(BudgetLine.self, "lineID", of: contract) { $0.$action.id == action.id }
        let actual = try FormValue.amount(try req.content.decode(ActualForm.self).actual, field: "actual", label: "montant réalisé")
        try await req.mutations.update(line, permission: permission) { $0.actual = actual }
        req.flash(.success, "Montant réalisé enregistré.")
        return req.redirect(to: page(contract, action) + "#budget")
    }

    func deleteBudgetLine(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        let permission = Permission.editProgramme(contract.accessScope)
        try req.require(permission)
        let line = try await req.record(BudgetLine.self, "lineID", of: contract) { $0.$action.id == action.id }
        try await req.mutations.delete(line, permission: permission)
        req.flash(.success, "Ligne budgétaire supprimée.")
        return req.redirect(to: page(contract, action) + "#budget")
    }

    // MARK: - Indicators

    struct IndicatorForm: Content {
        var name: String?
        var kind: String?
        var unit: String?
        var baselineValue: String?
        var baselineOn: String?
        var source: String?
        var polarity: String?
    }

    func addIndicator(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        let permission = Permission.editProgramme(contract.accessScope)
        try req.require(permission)
        let form = try req.content.decode(IndicatorForm.self)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw WebError.invalid("Indiquez l'intitulé de l'indicateur (par exemple « Nombre de personnes accompagnées »).", field: "name") }
        let indicator = Indicator(actionId: try action.requireID(), contractId: try contract.requireID(), name: name)
        indicator.kind = IndicatorType(rawValue: form.kind ?? "")?.rawValue ?? IndicatorType.process.rawValue
        indicator.unit = (form.unit ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        indicator.baselineValue = try FormValue.amount(form.baselineValue, field: "baselineValue", label: "valeur de référence")
        indicator.baselineOn = try req.day(form.baselineOn, field: "baselineOn", label: "date de la valeur de référence")?.iso
        indicator.source = (form.source ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        indicator.polarity = IndicatorPolarity(rawValue: form.polarity ?? "")?.rawValue ?? IndicatorPolarity.higherIsBetter.rawValue
        try await req.mutations.create(indicator, permission: permission)
        req.flash(.success, "Indicateur ajouté.")
        return req.redirect(to: page(contract, action) + "#indicateurs")
    }

    struct ValueForm: Content {
        var year: String?
        var target: String?
        var actual: String?
        var comment: String?
        var evidence: String?
    }

    /// Target (programme editors) and actual value (also the pilot) of an indicator for a year.
    func recordIndicatorValue(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        let followUp = action.followUpPermission(contract)
        try req.require(followUp)
        let indicator = try await req.record(Indicator.self, "indicatorID", of: contract) { $0.$action.id == action.id }
        let indicatorId = try indicator.requireID()
        let form = try req.content.decode(ValueForm.self)
        let canSetTargets = AccessPolicy.allows(req.subject, .editProgramme(contract.accessScope))
        guard let year = try FormValue.year(form.year, field: "year") else { throw WebError.invalid("Indiquez l'année de la valeur.", field: "year") }
        let target = try FormValue.amount(form.target, field: "target", label: "cible")
        let actual = try FormValue.amount(form.actual, field: "actual", label: "valeur réalisée")
        let existing = try await IndicatorValue.find(year: year, of: indicatorId, on: req.db)
        let comment = (form.comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let evidence = (form.evidence ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let existing {
            try await req.mutations.update(existing, permission: followUp) { value in
                if canSetTargets { value.target = target }
                value.actual = actual
                value.comment = comment
                value.evidence = evidence
            }
        } else {
            let value = IndicatorValue(indicatorId: indicatorId, contractId: indicator.contractId, year: year)
            value.target = canSetTargets ? target : nil
            value.actual = actual
            value.comment = comment
            value.evidence = evidence
            try await req.mutations.create(value, permission: followUp)
        }
        req.flash(.success, "Valeur \(year) de « \(indicator.name) » enregistrée.")
        return req.redirect(to: page(contract, action) + "#indicateurs")
    }

    func deleteIndicator(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        let permission = Permission.editProgramme(contract.accessScope)
        try req.require(permission)
        let indicator = try await req.record(Indicator.self, "indicatorID", of: contract) { $0.$action.id == action.id }
        try await indicator.$values.load(on: req.db)
        try await req.mutations.transaction { tx in
            for value in indicator.values { try await tx.delete(value, permission: permission) }
            try await tx.delete(indicator, permission: permission)
        }
        req.flash(.success, "Indicateur « \(indicator.name) » supprimé.")
        return req.redirect(to: page(contract, action) + "#indicateurs")
    }
}
