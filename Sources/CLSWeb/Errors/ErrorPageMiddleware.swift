import CLSCore
import CLSFormats
import CLSStore
import Vapor

/// Turns every error into a French page (or JSON under /api) that says what to do and leaks nothing.
struct ErrorPageMiddleware: AsyncMiddleware {
    struct ErrorContent: Encodable {
        let status: Int
        let heading: String
        let message: String
        /// The page the refused form came from, to correct and send it again (same site only).
        let back: String?
    }

    /// The path of the referring page when it is on this site, for a "back to the form" link.
    static func backPath(_ request: Request) -> String? {
        guard request.method != .GET, let referer = request.headers.first(name: .referer),
              let url = URLComponents(string: referer), url.host == nil || url.host == request.headers.first(name: .host)?.split(separator: ":").first.map(String.init),
              SameSitePath.validated(url.path) != nil else { return nil }
        return SameSitePath.validated(url.path + (url.percentEncodedQuery.map { "?\($0)" } ?? ""))
    }

    struct APIErrorBody: Content {
        struct Detail: Content { let status: Int; let message: String }
        let error: Detail
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, message) = describe(error, request: request)
            let isAPI = request.isAPICall
            if status == .unauthorized, !isAPI {
                let target = request.method == .GET ? request.url.path : "/"
                let next = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
                return request.redirect(to: SitePath.login.href + "?suite=" + next, redirectType: .normal)
            }
            if isAPI {
                let response = Response(status: status)
                try response.content.encode(APIErrorBody(error: .init(status: Int(status.code), message: message)))
                return response
            }
            do {
                return try await request.renderPage(
                    "error", title: heading(status),
                    ErrorContent(status: Int(status.code), heading: heading(status), message: message,
                                 back: status.code < 500 ? Self.backPath(request) : nil), status: status)
            } catch {
                request.logger.report(error: error)
                let response = Response(status: status, body: .init(string: "\(heading(status)) — \(message)"))
                response.headers.contentType = .plainText
                return response
            }
        }
    }

    func describe(_ error: any Error, request: Request) -> (HTTPResponseStatus, String) {
        switch error {
        case let web as WebError:
            return (web.status, web.message)
        case let access as AccessError:
            return (.forbidden, access.message)
        case let failure as ContractTransitions.Failure:
            return (.badRequest, failure.message)
        case let notANumber as FrenchNumber.NotANumber:
            return (.badRequest, notANumber.message)
        case let tooLong as TextTooLong:
            return (.badRequest, tooLong.message)
        case let locked as YearLockedError:
            return (.conflict, locked.message)
        case let backup as Backup.Failure:
            return (.badRequest, backup.message)
        case let spreadsheet as XLSXError:
            return (.badRequest, spreadsheet.message)
        case let abort as any AbortError:
            switch abort.status {
            case .notFound: return (.notFound, WebError.notFound.message)
            case .payloadTooLarge: return (.payloadTooLarge, "Le fichier ou le formulaire envoyé est trop volumineux.")
            case .unsupportedMediaType, .badRequest, .unprocessableEntity:
                return (.badRequest, "La requête est mal formée : vérifiez les champs du formulaire et recommencez.")
            case .methodNotAllowed: return (.methodNotAllowed, "Cette adresse n'accepte pas cette méthode.")
            default:
                if abort.status.code >= 500 { return unexpected(error, request: request) }
                return (abort.status, "La requête n'a pas pu être traitée.")
            }
        case is DecodingError:
            return (.badRequest, "La requête est mal formée : vérifiez les champs du formulaire et recommencez.")
        default:
            return unexpected(error, request: request)
        }
    }

    func unexpected(_ error: any Error, request: Request) -> (HTTPResponseStatus, String) {
        request.logger.report(error: error)
        return (.internalServerError, "Une erreur inattendue s'est produite. Elle a été enregistrée ; réessayez plus tard ou contactez l'administrateur de la plateforme.")
    }

    func heading(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "Requête invalide"
        case 401: "Connexion requise"
        case 403: "Accès refusé"
        case 404: "Page introuvable"
        case 413: "Envoi trop volumineux"
        case 500...: "Erreur interne"
        default: "Erreur"
        }
    }
}
