import Foundation

/// The key under a map: one swatch and one line of text per entry, 22 px apart.
struct MapLegend: Sendable {
    enum Swatch: Equatable, Sendable {
        /// A plain colour: a class, or the no-data colour.
        case colour(String)
        /// An empty box with the thick outline of highlighted shapes.
        case outline
        /// The overlays' hatching, by pattern id.
        case pattern(id: String)
    }

    struct Entry: Sendable {
        let swatch: Swatch
        let text: String
    }

    var entries: [Entry] = []

    var height: Double { entries.isEmpty ? 0 : Double(entries.count) * 22 + 16 }

    func svg(x: Double, y: Double) -> String {
        var out = ""
        for (index, entry) in entries.enumerated() {
            let top = y + Double(index) * 22
            let box = "x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(top))\" width=\"18\" height=\"16\""
            switch entry.swatch {
            case .colour(let colour):
                out += "<rect \(box) fill=\"\(SVGText.escape(colour))\" stroke=\"#161616\" stroke-width=\"0.5\"/>"
            case .outline:
                out += "<rect \(box) fill=\"none\" stroke=\"#161616\" stroke-width=\"2.5\"/>"
            case .pattern(let id):
                out += "<rect \(box) fill=\"url(#\(SVGText.escape(id)))\" stroke=\"#161616\" stroke-width=\"1.5\"/>"
            }
            out += "<text x=\"\(SVGText.number(x + 26))\" y=\"\(SVGText.number(top + 12))\" font-size=\"13\" fill=\"#161616\">\(SVGText.escape(entry.text))</text>"
        }
        return out
    }
}
