import CLSCore
import FluentKit
import Foundation

/// Demo data modelled on the real contracts of DOMAIN.md §7, with one account per role.
/// Written through `Mutations`, so the demo has an audit trail like real data.
public enum DemoDataset {
    public static let password = "Demo-CLS-2026"

    public struct Account: Sendable {
        public let email: String
        public let name: String
        public let roleDescription: String
    }

    /// Loads the demo unless contracts already exist. Returns the demo accounts when it loaded them.
    @discardableResult
    /// - Parameter runningContract: also load the CLS de Bobigny's running cycle (`DemoCycle`), as
    ///   `clspilot demo` does; the tests leave it out and build what they check.
    public static func loadIfEmpty(on database: any Database, hasher: any PasswordHashing,
                                   runningContract: Bool = false) async throws -> [Account]? {
        guard try await Contract.query(on: database).count() == 0 else { return nil }
        return try await load(on: database, hasher: hasher, runningContract: runningContract)
    }

    static func load(on database: any Database, hasher: any PasswordHashing, runningContract: Bool = false) async throws -> [Account] {
        let mutations = Mutations(database: database, actor: .system)
        let passwordHash = try hasher.hash(password)
        return try await mutations.transaction { tx in
            let orgs = try await createOrganisations(tx)
            let contracts = try await createContracts(tx, orgs)
            var accounts = try await createAccounts(tx, orgs: orgs, contracts: contracts, passwordHash: passwordHash)
            try await DemoProgramme.load(into: contracts["belle-ile-2"]!, organisations: orgs.byKey, using: tx)
            if runningContract {
                accounts += try await DemoCycle.load(into: contracts["bobigny"]!, organisations: orgs.byKey,
                                                     passwordHash: passwordHash, using: tx)
            }
            // The signed contracts keep their version as signed, as a signature in the platform would.
            for contract in contracts.values where ContractVersions.isSigned(contract) {
                try await ContractVersions.freezeSigned(contract, on: contract.signedOn.flatMap(CalendarDay.init(parsing:)) ?? CalendarDay(Date()), using: tx)
            }
            try await DemoEvaluation.load(into: contracts["belle-ile-1"]!, using: tx)
            if runningContract {
                try await DemoAmendment.load(into: contracts["bobigny"]!, organisations: orgs.byKey, using: tx)
                try await DemoDiagnosis.load(into: contracts["saint-ouen"]!, using: tx)
            }
            return accounts
        }
    }

    // MARK: - Organisations

    struct Organisations {
        var byKey: [String: Organisation] = [:]
        subscript(_ key: String) -> Organisation { byKey[key]! }
    }

    static func createOrganisations(_ tx: Mutations) async throws -> Organisations {
        let specs: [(String, String, OrganisationKind, String?, String?, String?, [CompetenceDomain])] = [
            ("ars-bretagne", "ARS Bretagne", .ars, nil, "53", nil, [.health, .prevention, .care, .medicoSocial]),
            ("ars-pdl", "ARS Pays de la Loire", .ars, nil, "52", nil, [.health, .prevention, .care, .medicoSocial]),
            ("ars-idf", "ARS Île-de-France", .ars, nil, "11", nil, [.health, .prevention, .care, .medicoSocial]),
            ("dt93", "ARS Île-de-France – délégation de la Seine-Saint-Denis", .arsDelegation, nil, "11", "93", [.health, .prevention, .care]),
            ("ars-occitanie", "ARS Occitanie", .ars, nil, "76", nil, [.health, .prevention, .care, .medicoSocial]),
            ("cg56", "Conseil départemental du Morbihan", .departement, nil, "53", "56", [.social, .medicoSocial, .elderly, .disability, .earlyChildhood]),
            ("cc-belle-ile", "Communauté de communes de Belle-Île-en-Mer", .epci, nil, "53", "56", [.housing, .mobility, .environment, .youth]),
            ("cc-craonnais", "Communauté de communes du Pays Craonnais", .epci, nil, "52", "53", [.housing, .mobility, .elderly]),
            ("cc-renaze", "Communauté de communes de Saint-Aignan-Renazé", .epci, nil, "52", "53", [.housing, .mobility]),
            ("bobigny", "Ville de Bobigny", .commune, nil, "11", "93", [.social, .education, .cityPolicy, .youth, .sport]),
            ("stains", "Ville de Stains", .commune, nil, "11", "93", [.social, .education, .cityPolicy, .youth]),
            ("saint-ouen", "Ville de Saint-Ouen-sur-Seine", .commune, nil, "11", "93", [.social, .cityPolicy, .housing]),
            ("asnieres", "Ville d'Asnières-sur-Seine", .commune, nil, "11", "92", [.social, .cityPolicy]),
            ("prefecture-93", "Préfecture de la Seine-Saint-Denis", .stateService, nil, "11", "93", [.cityPolicy, .publicSafety, .employment]),
            ("cpam-93", "CPAM de la Seine-Saint-Denis", .healthInsurance, nil, "11", "93", [.care, .prevention]),
            ("ales", "Alès Agglomération", .epci, nil, "76", "30", [.housing, .mobility, .environment, .cityPolicy]),
            ("ch-ales", "Centre hospitalier d'Alès-Cévennes", .hospital, nil, "76", "30", [.care]),
            ("ireps-bretagne", "IREPS Bretagne", .observatory, nil, "53", nil, [.prevention, .health]),
            ("adapei-56", "Association d'aide à domicile de Belle-Île", .association, nil, "53", "56", [.elderly, .medicoSocial]),
        ]
        var orgs = Organisations()
        for spec in specs {
            let org = Organisation(name: spec.1, kind: spec.2, siren: spec.3, regionCode: spec.4,
                                   departmentCode: spec.5, competences: spec.6)
            try await tx.create(org, permission: .editOrganisations)
            orgs.byKey[spec.0] = org
        }
        return orgs
    }

    // MARK: - Contracts

    struct ContractSpec {
        let key: String
        let name: String
        let generation: Int
        let previous: String?
        let region: String
        let department: String
        let territory: String
        let initiative: Initiative
        let summary: String
        let schemes: [LinkedScheme]
        let steps: [(ContractState, String, String)]
        let signatories: [(String, String, String, String?)]
        let partners: [(String, String)]
        var published = false
        var confidential = false
        var durationYears: Int? = nil
        var startsOn: String? = nil
        var endsOn: String? = nil
        var firstContactOn: String? = nil
        var diagnosticOn: String? = nil
    }

    static let contractSpecs: [ContractSpec] = [
        ContractSpec(
            key: "belle-ile-1", name: "CLS de Belle-Île-en-Mer", generation: 1, previous: nil,
            region: "53", department: "56", territory: "Communauté de communes de Belle-Île-en-Mer (Bangor, Le Palais, Locmaria, Sauzon)",
            initiative: .descending,
            summary: "Île de 4 500 habitants, 30 000 en été, à une heure du continent. Trois orientations : améliorer l'organisation et l'accès aux soins ; accompagner les soins et le maintien à domicile des personnes âgées ; développer la prévention et la promotion de la santé.",
            schemes: [],
            steps: [(.diagnostic, "2011-10-01", "Diagnostic confié à l'ORS Bretagne."),
                    (.elaboration, "2012-05-15", "Groupes de travail par orientation."),
                    (.signe, "2013-01-18", "Signature par l'ARS, le conseil général et la communauté de communes."),
                    (.miseEnOeuvre, "2013-06-20", "Premier comité de pilotage, cinq mois après la signature."),
                    (.evaluation, "2016-01-15", "Évaluation finale avant renouvellement."),
                    (.renouvele, "2016-04-01", "Renouvelé par le CLS 2 de Belle-Île-en-Mer.")],
            signatories: [("ars-bretagne", "Directeur général de l'ARS Bretagne", "Directeur général", "2013-01-18"),
                          ("cg56", "Président du conseil général du Morbihan", "Président", "2012-12-14"),
                          ("cc-belle-ile", "Président de la communauté de communes", "Président", "2012-11-29")],
            partners: [("adapei-56", "Maintien à domicile des personnes âgées"), ("ireps-bretagne", "Appui méthodologique en prévention")],
            published: true, durationYears: 3, startsOn: "2013-01-18", endsOn: "2015-12-31",
            firstContactOn: "2011-03-01", diagnosticOn: "2012-03-30"),
        ContractSpec(
            key: "belle-ile-2", name: "CLS 2 de Belle-Île-en-Mer", generation: 2, previous: "belle-ile-1",
            region: "53", department: "56", territory: "Communauté de communes de Belle-Île-en-Mer",
            initiative: .ascending,
            summary: "Deuxième génération : priorité à la coordination (poste de coordinateur à créer), à l'accès aux soins en saison touristique et au parcours des personnes âgées.",
            schemes: [.cpts],
            steps: [(.diagnostic, "2016-04-01", "Actualisation du diagnostic."),
                    (.elaboration, "2016-09-12", "Priorités partagées en comité technique.")],
            signatories: [("ars-bretagne", "Directeur général de l'ARS Bretagne", "Directeur général", nil),
                          ("cc-belle-ile", "Président de la communauté de communes", "Président", nil)],
            partners: [("adapei-56", "Parcours des personnes âgées")],
            durationYears: 5, firstContactOn: "2016-02-01"),
        ContractSpec(
            key: "craon", name: "CLS du Sud-Ouest Mayennais", generation: 1, previous: nil,
            region: "52", department: "53", territory: "Communautés de communes du Pays Craonnais et de Saint-Aignan-Renazé",
            initiative: .descending,
            summary: "Contrat orienté vers le parcours de santé des personnes âgées (PAERPA), avec une batterie d'une centaine d'indicateurs.",
            schemes: [.paerpa],
            steps: [(.diagnostic, "2011-05-01", ""), (.elaboration, "2011-11-01", ""),
                    (.signe, "2012-06-25", ""), (.miseEnOeuvre, "2012-10-01", "")],
            signatories: [("ars-pdl", "Directrice générale de l'ARS Pays de la Loire", "Directrice générale", "2012-06-25"),
                          ("cc-craonnais", "Président de la communauté de communes du Pays Craonnais", "Président", "2012-06-25"),
                          ("cc-renaze", "Président de la communauté de communes de Saint-Aignan-Renazé", "Président", "2012-06-25")],
            partners: [], durationYears: 5, startsOn: "2012-06-25", endsOn: "2017-06-24"),
        ContractSpec(
            key: "bobigny", name: "CLS de Bobigny", generation: 1, previous: nil,
            region: "11", department: "93", territory: "Ville de Bobigny",
            initiative: .ascending,
            summary: "Contrat signé le 17 février 2014, en articulation avec l'Atelier Santé Ville et le volet santé du contrat de ville.",
            schemes: [.asv, .contratDeVille],
            steps: [(.prefiguration, "2012-09-01", ""), (.diagnostic, "2012-12-01", ""), (.elaboration, "2013-06-01", ""),
                    (.signe, "2014-02-17", "Signature en présence du préfet."), (.miseEnOeuvre, "2014-04-01", "")],
            signatories: [("ars-idf", "Directeur général de l'ARS Île-de-France", "Directeur général", "2014-02-17"),
                          ("bobigny", "Maire de Bobigny", "Maire", "2013-12-12"),
                          ("prefecture-93", "Préfet de la Seine-Saint-Denis", "Préfet", "2014-02-17"),
                          ("cpam-93", "Directeur de la CPAM de la Seine-Saint-Denis", "Directeur", "2014-02-17")],
            partners: [], published: true, durationYears: 5, startsOn: "2014-02-17", endsOn: "2019-02-16"),
        ContractSpec(
            key: "stains", name: "CLS de Stains", generation: 1, previous: nil,
            region: "11", department: "93", territory: "Ville de Stains",
            initiative: .ascending,
            summary: "Contrat signé le 17 février 2014 ; santé mentale, nutrition et accès aux droits.",
            schemes: [.asv, .clsm],
            steps: [(.diagnostic, "2012-10-01", ""), (.elaboration, "2013-05-01", ""),
                    (.signe, "2014-02-17", ""), (.miseEnOeuvre, "2014-03-15", ""), (.suspendu, "2015-03-01", "Poste de coordination vacant.")],
            signatories: [("ars-idf", "Directeur général de l'ARS Île-de-France", "Directeur général", "2014-02-17"),
                          ("stains", "Maire de Stains", "Maire", "2014-01-30")],
            partners: [("cpam-93", "Accès aux droits")], durationYears: 5),
        ContractSpec(
            key: "saint-ouen", name: "CLS de Saint-Ouen-sur-Seine", generation: 1, previous: nil,
            region: "11", department: "93", territory: "Ville de Saint-Ouen-sur-Seine",
            initiative: .ascending,
            summary: "Diagnostic local partagé en cours avec l'observatoire régional de santé.",
            schemes: [.asv],
            steps: [(.prefiguration, "2025-10-01", "Comité de pilotage de lancement."), (.diagnostic, "2026-02-01", "")],
            signatories: [], partners: [], firstContactOn: "2025-06-10"),
        ContractSpec(
            key: "asnieres", name: "CLS d'Asnières-sur-Seine", generation: 1, previous: nil,
            region: "11", department: "92", territory: "Ville d'Asnières-sur-Seine",
            initiative: .descending,
            summary: "Premiers échanges entre la délégation départementale et la ville.",
            schemes: [], steps: [], signatories: [], partners: [], confidential: true, firstContactOn: "2026-09-15"),
        ContractSpec(
            key: "ales", name: "CLS d'Alès Pays Cévennes", generation: 1, previous: nil,
            region: "76", department: "30", territory: "Pays Cévennes (117 communes, 150 000 habitants)",
            initiative: .descending,
            summary: "Premier contrat local de santé de la région, signé le 25 mai 2011.",
            schemes: [.contratDeVille],
            steps: [(.diagnostic, "2010-03-01", ""), (.elaboration, "2010-10-01", ""), (.signe, "2011-05-25", ""),
                    (.miseEnOeuvre, "2011-09-01", ""), (.evaluation, "2014-09-01", "")],
            signatories: [("ars-occitanie", "Directeur général de l'ARS", "Directeur général", "2011-05-25"),
                          ("ales", "Président du Pays Cévennes", "Président", "2011-04-20")],
            partners: [("ch-ales", "Offre hospitalière et urgences")], durationYears: 3, startsOn: "2011-05-25", endsOn: "2014-05-24"),
    ]

    static func createContracts(_ tx: Mutations, _ orgs: Organisations) async throws -> [String: Contract] {
        var contracts: [String: Contract] = [:]
        for spec in contractSpecs {
            let contract = Contract(name: spec.name, generation: spec.generation, regionCode: spec.region,
                                    departmentCode: spec.department, territoryLabel: spec.territory)
            contract.initiative = spec.initiative.rawValue
            contract.summary = spec.summary
            contract.linkedSchemes = spec.schemes
            contract.isPublished = spec.published
            contract.isConfidential = spec.confidential
            contract.durationYears = spec.durationYears
            contract.startsOn = spec.startsOn
            contract.endsOn = spec.endsOn
            contract.firstContactOn = spec.firstContactOn
            contract.diagnosticOn = spec.diagnosticOn
            contract.$previousContract.id = spec.previous.flatMap { contracts[$0]?.id }
            try await tx.create(contract, permission: .createContract(regionCode: spec.region, departmentCode: spec.department))
            let contractId = try contract.requireID()
            for signatory in spec.signatories {
                try await tx.create(
                    Signatory(contractId: contractId, organisationId: try orgs[signatory.0].requireID(),
                              representative: signatory.1, representativeRole: signatory.2,
                              deliberationOn: nil, signedOn: signatory.3),
                    permission: .editContract(contract.accessScope))
            }
            for partner in spec.partners {
                try await tx.create(Partner(contractId: contractId, organisationId: try orgs[partner.0].requireID(),
                                            contribution: partner.1),
                                    permission: .editContract(contract.accessScope))
            }
            for step in spec.steps {
                try await ContractTransitions.transition(contract, to: step.0, effectiveOn: CalendarDay(parsing: step.1)!,
                                                         comment: step.2, freezingSignedVersion: false, using: tx)
            }
            contracts[spec.key] = contract
        }
        return contracts
    }

    // MARK: - Accounts

    static func createAccounts(_ tx: Mutations, orgs: Organisations, contracts: [String: Contract],
                               passwordHash: String) async throws -> [Account] {
        func contractScope(_ key: String) -> String { contracts[key]!.id!.uuidString }
        let specs: [(String, String, String?, [RoleGrant], String)] = [
            ("admin@demo.cls-pilot.fr", "Camille Admin", nil, [RoleGrant(role: .admin, scope: nil)], "administrateur de la plateforme"),
            ("ars.bretagne@demo.cls-pilot.fr", "Yann Le Goff", "ars-bretagne", [RoleGrant(role: .arsRegional, scope: "53")], "ARS, direction régionale Bretagne"),
            ("ars.idf@demo.cls-pilot.fr", "Nadia Benali", "ars-idf", [RoleGrant(role: .arsRegional, scope: "11")], "ARS, direction régionale Île-de-France"),
            ("dt93@demo.cls-pilot.fr", "Julien Martin", "dt93", [RoleGrant(role: .arsDelegation, scope: "93")], "ARS, délégation de la Seine-Saint-Denis"),
            ("coordination.belle-ile@demo.cls-pilot.fr", "Morgane Le Floch", "cc-belle-ile",
             [RoleGrant(role: .coordinator, scope: contractScope("belle-ile-2")), RoleGrant(role: .reader, scope: contractScope("belle-ile-1"))],
             "coordinatrice du CLS 2 de Belle-Île-en-Mer"),
            ("redaction.belle-ile@demo.cls-pilot.fr", "Erwan Guillou", "cc-belle-ile",
             [RoleGrant(role: .editor, scope: contractScope("belle-ile-2"))], "rédacteur du CLS 2 de Belle-Île-en-Mer"),
            ("pilote.belle-ile@demo.cls-pilot.fr", "Sophie Tanguy", "adapei-56",
             [RoleGrant(role: .pilot, scope: contractScope("belle-ile-2"))], "pilote d'actions du CLS 2 de Belle-Île-en-Mer"),
            ("lecture.belle-ile@demo.cls-pilot.fr", "Loïc Daniel", "cg56",
             [RoleGrant(role: .reader, scope: contractScope("belle-ile-2"))], "lecteur du CLS 2 de Belle-Île-en-Mer"),
            ("coordination.bobigny@demo.cls-pilot.fr", "Fatou Diallo", "bobigny",
             [RoleGrant(role: .coordinator, scope: contractScope("bobigny"))], "coordinatrice du CLS de Bobigny"),
        ]
        var accounts: [Account] = []
        for spec in specs {
            let user = User(email: spec.0, displayName: spec.1, passwordHash: passwordHash,
                            organisationId: spec.2.flatMap { orgs.byKey[$0]?.id })
            try await tx.create(user, permission: .manageUsers)
            for grant in spec.3 {
                try await tx.create(RoleAssignment(userId: try user.requireID(), grant: grant), permission: .manageUsers)
            }
            accounts.append(Account(email: spec.0, name: spec.1, roleDescription: spec.4))
        }
        return accounts
    }
}
