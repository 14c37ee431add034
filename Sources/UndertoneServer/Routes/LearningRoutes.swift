import Foundation
import Hummingbird
import UndertoneEngine

extension ServerContext {
    /// Planning and learning from the calls: `GET /v1/staffing` (Erlang C, or Erlang A with a patience; docs/staffing.md).
    func registerLearningRoutes(_ router: Router<AppRequestContext>) {
        router.get("/v1/staffing") { request, context -> Response in
            _ = try context.caller()
            let staffing: StaffingRequest
            do {
                staffing = try request.uri.decodeQuery(as: StaffingRequest.self, context: context)
            } catch let error as StaffingError {
                throw Problem.badRequest(error.description)
            } catch {
                throw Problem.badRequest("the query must hold calls and ahtSeconds, and numbers for the other settings (docs/staffing.md)")
            }
            let result: StaffingResult
            do throws(StaffingError) {
                result = try Staffing.solve(staffing)
            } catch {
                switch error {
                case .invalid, .forecast: throw Problem.badRequest(error.description)
                case .beyondLimits, .unreachable: throw Problem(.unprocessableContent, error.description)
                }
            }
            return try json(result)
        }
    }
}
