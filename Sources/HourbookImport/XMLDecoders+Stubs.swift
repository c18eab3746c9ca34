import HourbookCore

// Placeholders until the XML engineer's decoders land: they replace this whole file.

enum CatalogXMLDecoder {
    static func decode(
        _ bytes: [UInt8], file: String, settings: Settings, learnerIDs: Set<String>
    ) throws(InputFailure) -> CatalogDecoding {
        throw InputFailure(file: file, code: .fileUnreadable, message: "XML support is not built yet")
    }
}

enum FilingsXMLDecoder {
    static func decode(_ bytes: [UInt8], file: String, settings: Settings) throws(InputFailure) -> FilingsDecoding {
        throw InputFailure(file: file, code: .fileUnreadable, message: "XML support is not built yet")
    }
}
