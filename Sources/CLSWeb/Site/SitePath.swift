import Foundation

/// Every page, download and endpoint of the site. The same case registers the route (with `.key`
/// parameters) and builds the link (with values), so a link cannot point to a route that does not
/// exist, and a route renamed renames its links. No other file writes a path by hand
/// (`scripts/check-paths` verifies it).
enum SitePath: Hashable, Sendable {
    case home
    case login
    case logout
    case password
    case tokens
    case revokeToken(Param<UUID>)
    case notifications
    case notificationsReadAll
    case notificationRead(Param<UUID>)
    case notificationPreferences

    case contracts
    case contractsCSV
    case newContract
    case contract(Param<UUID>, ContractPath)
    case alerts

    case istsReport
    case istsReportCSV
    case istsReportWorkbook
    case library
    case portfolio
    case regionalThemes
    case planTemplate

    case territories
    case region(Param<String>)
    case department(Param<String>)
    case epci(Param<String>)
    case commune(Param<String>)
    case priorities
    case prioritiesCSV

    case organisations
    case newOrganisation
    case organisation(Param<UUID>)
    case editOrganisation(Param<UUID>)

    case users
    case newUser
    case user(Param<UUID>, UserPath)
    case journal
    case outbox
    case outboxMail(Param<UUID>)
    case reference
    case referenceImports
    case referenceImport(Param<UUID>, ReferenceImportPath)

    case publicContract(Param<UUID>)
    case publicContractJSON(Param<UUID>)
    case publicContractCSV(Param<UUID>)

    case api(APIPath)

    var segments: [PathSegment] {
        switch self {
        case .home: []
        case .login: .fixed("connexion")
        case .logout: .fixed("deconnexion")
        case .password: .fixed("compte/mot-de-passe")
        case .tokens: .fixed("compte/jetons")
        case let .revokeToken(id): .fixed("compte/jetons") + [id.segment("tokenID"), .fixed("revoquer")]
        case .notifications: .fixed("notifications")
        case .notificationsReadAll: .fixed("notifications/tout-marquer-lu")
        case let .notificationRead(id): .fixed("notifications") + [id.segment("noticeID"), .fixed("lue")]
        case .notificationPreferences: .fixed("notifications/preferences")
        case .contracts: .fixed("contrats")
        case .contractsCSV: .fixed("contrats/export.csv")
        case .newContract: .fixed("contrats/nouveau")
        case let .contract(id, page): .fixed("contrats") + [id.segment("contractID")] + page.segments
        case .alerts: .fixed("alertes")
        case .istsReport: .fixed("rapports/ists")
        case .istsReportCSV: .fixed("rapports/ists.csv")
        case .istsReportWorkbook: .fixed("rapports/ists.xlsx")
        case .library: .fixed("bibliotheque")
        case .portfolio: .fixed("portefeuille")
        case .regionalThemes: .fixed("referentiels/themes")
        case .planTemplate: .fixed("programme/modele.xlsx")
        case .territories: .fixed("territoires")
        case let .region(code): .fixed("territoires/regions") + [code.segment("code")]
        case let .department(code): .fixed("territoires/departements") + [code.segment("code")]
        case let .epci(siren): .fixed("territoires/epci") + [siren.segment("siren")]
        case let .commune(code): .fixed("territoires/communes") + [code.segment("code")]
        case .priorities: .fixed("territoires/priorites")
        case .prioritiesCSV: .fixed("territoires/priorites.csv")
        case .organisations: .fixed("organisations")
        case .newOrganisation: .fixed("organisations/nouvelle")
        case let .organisation(id): .fixed("organisations") + [id.segment("organisationID")]
        case let .editOrganisation(id): .fixed("organisations") + [id.segment("organisationID"), .fixed("modifier")]
        case .users: .fixed("admin/utilisateurs")
        case .newUser: .fixed("admin/utilisateurs/nouveau")
        case let .user(id, page): .fixed("admin/utilisateurs") + [id.segment("userID")] + page.segments
        case .journal: .fixed("admin/journal")
        case .outbox: .fixed("admin/courriels")
        case let .outboxMail(id): .fixed("admin/courriels") + [id.segment("mailID")]
        case .reference: .fixed("admin/referentiel")
        case .referenceImports: .fixed("admin/referentiel/imports")
        case let .referenceImport(id, page): .fixed("admin/referentiel/imports") + [id.segment("importID")] + page.segments
        case let .publicContract(id): .fixed("public/contrats") + [id.segment("contractID")]
        case let .publicContractJSON(id): .fixed("public/contrats") + [id.segment("contractID"), .fixed("donnees.json")]
        case let .publicContractCSV(id): .fixed("public/contrats") + [id.segment("contractID"), .fixed("donnees.csv")]
        case let .api(endpoint): .fixed(Self.apiBase) + endpoint.segments
        }
    }
}

// MARK: - Links

extension SitePath {
    private static let apiBase = "api/v1"
    /// Where the JSON API lives: "/api/v1", below which a personal token is a credential.
    static let apiPrefix = "/" + apiBase
}

extension SitePath {
    /// The link: "/contrats/…/programme", with `:name` in place of a parameter given as `.key`.
    var href: String {
        "/" + segments.map { segment in
            switch segment {
            case .fixed(let text): text
            case .parameter(let name, let value): value ?? ":\(name)"
            case .catchAll: "**"
            }
        }.joined(separator: "/")
    }

    /// The link with a query string; pairs without a value are left out.
    func href(query: [(String, String?)]) -> String {
        let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        guard !items.isEmpty else { return href }
        var components = URLComponents()
        components.queryItems = items
        return href + "?" + (components.percentEncodedQuery ?? "")
    }

    /// The link to a place inside the page.
    func href(fragment: String) -> String { href + "#" + fragment }

    // Link builders taking values, so that callers write `.contract(id, .history)`.
    static func contract(_ id: UUID, _ page: ContractPath = .overview) -> SitePath { .contract(.value(id), page) }
    static func revokeToken(_ id: UUID) -> SitePath { .revokeToken(.value(id)) }
    static func notificationRead(_ id: UUID) -> SitePath { .notificationRead(.value(id)) }
    static func outboxMail(_ id: UUID) -> SitePath { .outboxMail(.value(id)) }
    static func region(_ code: String) -> SitePath { .region(.value(code)) }
    static func department(_ code: String) -> SitePath { .department(.value(code)) }
    static func epci(_ siren: String) -> SitePath { .epci(.value(siren)) }
    static func commune(_ code: String) -> SitePath { .commune(.value(code)) }
    static func organisation(_ id: UUID) -> SitePath { .organisation(.value(id)) }
    static func editOrganisation(_ id: UUID) -> SitePath { .editOrganisation(.value(id)) }
    static func user(_ id: UUID, _ page: UserPath = .page) -> SitePath { .user(.value(id), page) }
    static func referenceImport(_ id: UUID, _ page: ReferenceImportPath = .page) -> SitePath { .referenceImport(.value(id), page) }
    static func publicContract(_ id: UUID) -> SitePath { .publicContract(.value(id)) }
    static func publicContractJSON(_ id: UUID) -> SitePath { .publicContractJSON(.value(id)) }
    static func publicContractCSV(_ id: UUID) -> SitePath { .publicContractCSV(.value(id)) }
}

// MARK: - Administration

enum UserPath: Hashable, Sendable {
    case page
    case roles
    case removeRole(Param<UUID>)
    case activation
    case password

    var segments: [PathSegment] {
        switch self {
        case .page: []
        case .roles: .fixed("roles")
        case let .removeRole(id): .fixed("roles") + [id.segment("assignmentID"), .fixed("supprimer")]
        case .activation: .fixed("activation")
        case .password: .fixed("mot-de-passe")
        }
    }

    static func removeRole(_ id: UUID) -> UserPath { .removeRole(.value(id)) }
}

enum ReferenceImportPath: String, Hashable, Sendable {
    case page = ""
    case status = "etat"
    case confirm = "confirmer"
    case cancel = "annuler"

    var segments: [PathSegment] { .fixed(rawValue) }
}
