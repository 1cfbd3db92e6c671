import Vapor

/// Errors the web layer raises on purpose, each with the French message the user reads.
enum WebError: Error {
    case authenticationRequired
    case forbidden
    case notFound
    case csrfRejected
    case invalidToken
    /// A refused input: the message says what is wrong and how to fix it; the field, when given,
    /// is the form's field it is about (the message is shown next to it).
    case invalid(String, field: String? = nil)
    /// A territory code the imported reference does not know.
    case invalidTerritory(String, String)

    var status: HTTPResponseStatus {
        switch self {
        case .authenticationRequired, .invalidToken: .unauthorized
        case .forbidden, .csrfRejected: .forbidden
        case .notFound, .invalidTerritory: .notFound
        case .invalid: .badRequest
        }
    }

    var message: String {
        switch self {
        case .authenticationRequired: "Connectez-vous pour accéder à cette page."
        case .forbidden: "Vous n'avez pas les droits nécessaires pour cette page ou cette opération. Si vous pensez qu'il s'agit d'une erreur, contactez le coordinateur du contrat ou l'administrateur de la plateforme."
        case .notFound: "La page demandée n'existe pas ou n'est plus disponible."
        case .csrfRejected: "Le formulaire a expiré ou ne provient pas de CLS Pilot. Rechargez la page et recommencez."
        case .invalidToken: "Jeton d'API invalide ou révoqué. Créez un nouveau jeton avec « clspilot token create »."
        case .invalid(let message, _): message
        case .invalidTerritory(let kind, let code): "Aucun(e) \(kind) « \(code) » dans le référentiel territorial importé. Vérifiez le code officiel (INSEE ou SIREN) ou importez le référentiel (clspilot import territoires)."
        }
    }
}
