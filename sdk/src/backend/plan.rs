//! Plans: an operation as requests to send one after another, each paired
//! with the code that reads its response and yields the next step or the
//! result. A plan holds no I/O; the client runs it.

use crate::backend::ApiRequest;
use crate::error::Error;
use crate::platform::{MaybeSend, SendFnOnce};
use crate::transport::HttpResponse;

/// What a step's continuation yields: the next step, or the operation's
/// failure.
type Next<T> = Result<Step<T>, Error>;

/// Reads a step's outcome: the response the client classified as a success,
/// or the error it came to (a continuation may turn an error into a result).
type Continuation<T> = SendFnOnce<Result<HttpResponse, Error>, Next<T>>;

/// One step of an operation.
pub(crate) enum Step<T> {
    /// Send this request, then continue with its outcome.
    Send(ApiRequest, Continuation<T>),
    /// The operation's result.
    Done(T),
}

impl<T: MaybeSend + 'static> Step<T> {
    /// Sends `request` and continues with `next`.
    pub fn send(
        request: ApiRequest,
        next: impl FnOnce(Result<HttpResponse, Error>) -> Next<T> + MaybeSend + 'static,
    ) -> Self {
        Step::Send(request, Box::new(next))
    }

    /// Sends `request` and reads its successful response with `parse`;
    /// failures are the operation's.
    pub fn parse(request: ApiRequest, parse: fn(&HttpResponse) -> Result<T, Error>) -> Self {
        Self::send(request, move |outcome| Ok(Step::Done(parse(&outcome?)?)))
    }

    /// This step's result fed into `then`, which plans what follows.
    pub fn and_then<U: MaybeSend + 'static>(
        self,
        then: impl FnOnce(T) -> Next<U> + MaybeSend + 'static,
    ) -> Next<U> {
        match self {
            Step::Done(value) => then(value),
            Step::Send(request, next) => Ok(Step::send(request, move |outcome| {
                next(outcome)?.and_then(then)
            })),
        }
    }

    /// This step with its result mapped.
    pub fn map<U: MaybeSend + 'static>(
        self,
        map: impl FnOnce(T) -> U + MaybeSend + 'static,
    ) -> Step<U> {
        match self {
            Step::Done(value) => Step::Done(map(value)),
            Step::Send(request, next) => {
                Step::send(request, move |outcome| Ok(next(outcome)?.map(map)))
            }
        }
    }
}

/// An operation's steps, and whether they must not interleave with another
/// such operation of the same client (a read-modify-write).
pub(crate) struct Plan<T> {
    pub first: Step<T>,
    pub exclusive: bool,
}

impl<T: MaybeSend + 'static> Plan<T> {
    /// A plan starting with `first`.
    pub fn new(first: Step<T>) -> Self {
        Self {
            first,
            exclusive: false,
        }
    }

    /// One request, read with `parse`.
    pub fn single(request: ApiRequest, parse: fn(&HttpResponse) -> Result<T, Error>) -> Self {
        Self::new(Step::parse(request, parse))
    }

    /// Run while no other exclusive plan of the client runs.
    pub fn exclusive(mut self) -> Self {
        self.exclusive = true;
        self
    }

    /// The plan with its result mapped.
    pub fn map<U: MaybeSend + 'static>(
        self,
        map: impl FnOnce(T) -> U + MaybeSend + 'static,
    ) -> Plan<U> {
        Plan {
            first: self.first.map(map),
            exclusive: self.exclusive,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::Method;

    fn ok(status: u16, body: &str) -> Result<HttpResponse, Error> {
        Ok(HttpResponse {
            status,
            headers: vec![],
            body: body.as_bytes().to_vec(),
        })
    }

    fn length(response: &HttpResponse) -> Result<usize, Error> {
        Ok(response.body.len())
    }

    /// Drives a plan with canned outcomes, returning the paths it sent.
    fn drive<T: MaybeSend + 'static>(
        plan: Plan<T>,
        mut outcomes: Vec<Result<HttpResponse, Error>>,
    ) -> (Vec<String>, Result<T, Error>) {
        let mut sent = Vec::new();
        let mut step = plan.first;
        outcomes.reverse();
        loop {
            match step {
                Step::Done(value) => return (sent, Ok(value)),
                Step::Send(request, next) => {
                    sent.push(request.path.clone());
                    match next(outcomes.pop().expect("an outcome per request")) {
                        Ok(following) => step = following,
                        Err(error) => return (sent, Err(error)),
                    }
                }
            }
        }
    }

    #[test]
    fn steps_chain_and_map_in_order() {
        let first = Step::parse(ApiRequest::new("a", Method::Get, "/one"), length);
        let chained = first
            .and_then(|first_length| {
                Ok(Step::send(
                    ApiRequest::new("b", Method::Get, "/two"),
                    move |outcome| Ok(Step::Done(first_length + outcome?.body.len())),
                ))
            })
            .unwrap();
        let plan = Plan::new(chained).map(|total| total * 10);
        let (sent, result) = drive(plan, vec![ok(200, "abc"), ok(200, "de")]);
        assert_eq!(sent, ["/one", "/two"]);
        assert_eq!(result.unwrap(), 50);
    }

    #[test]
    fn a_failed_step_ends_the_plan_unless_its_continuation_recovers() {
        let failing = Plan::single(ApiRequest::new("a", Method::Get, "/one"), length)
            .map(|length| length + 1);
        let (sent, result) = drive(failing, vec![Err(Error::Cancelled)]);
        assert_eq!(sent, ["/one"]);
        assert!(matches!(result, Err(Error::Cancelled)));

        let recovering = Plan::new(Step::send(
            ApiRequest::new("a", Method::Get, "/one"),
            |outcome| Ok(Step::Done(outcome.is_err())),
        ));
        let (_, result) = drive(recovering, vec![Err(Error::Cancelled)]);
        assert!(result.unwrap());
    }

    #[test]
    fn and_then_on_a_finished_step_plans_at_once() {
        let next = Step::Done(2)
            .and_then(|two| Ok(Step::<i32>::Done(two * 2)))
            .unwrap();
        assert!(matches!(next, Step::Done(4)));
    }
}
