//! Runs the executor to completion in place, on the calling thread, while the store stays a
//! plain borrowed `&dyn CustomerAccounts`.
//!
//! The executor's resolvers must be `'static`, so they cannot hold the store (which borrows
//! the request context). Instead a root resolver hands its [`RootCall`] to the request's
//! [`Exchange`] and waits; [`Exchange::drive`] polls the execution future, and whenever it is
//! pending answers the queued calls (in the order the executor made them) and polls again.
//! Nothing else can make the executor wait, so a poll that leaves it pending with no call
//! queued is a bug, reported as such. No runtime, no thread, no blocking: safe on wiremock's
//! current-thread worker.

use super::accounts::FieldError;
use super::roots::RootCall;
use async_graphql::Value;
use std::future::{Future, poll_fn};
use std::pin::pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

/// The store's answer to a root call: the rendered value or Magento's error.
pub(crate) type Answer = Result<Value, FieldError>;

/// One call waiting for its answer.
#[derive(Default)]
struct Slot {
    call: Option<RootCall>,
    answer: Option<Answer>,
    waker: Option<Waker>,
}

/// The calls the executor of one request has made and not yet had answered.
#[derive(Default)]
pub(crate) struct Exchange {
    queue: Mutex<Vec<Arc<Mutex<Slot>>>>,
}

/// The executor waited for something other than the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stalled;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Exchange {
    /// Queues `call` and resolves to its answer once [`Exchange::drive`] has given one.
    pub(crate) async fn ask(&self, call: RootCall) -> Answer {
        let slot = Arc::new(Mutex::new(Slot {
            call: Some(call),
            ..Slot::default()
        }));
        lock(&self.queue).push(slot.clone());
        poll_fn(|context| {
            let mut slot = lock(&slot);
            match slot.answer.take() {
                Some(answer) => Poll::Ready(answer),
                None => {
                    slot.waker = Some(context.waker().clone());
                    Poll::Pending
                }
            }
        })
        .await
    }

    /// Polls `execution` to completion, answering each queued call with `answer`.
    pub(crate) fn drive<F: Future>(
        &self,
        execution: F,
        mut answer: impl FnMut(RootCall) -> Answer,
    ) -> Result<F::Output, Stalled> {
        let mut execution = pin!(execution);
        let mut context = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(output) = execution.as_mut().poll(&mut context) {
                return Ok(output);
            }
            let queued = std::mem::take(&mut *lock(&self.queue));
            if queued.is_empty() {
                return Err(Stalled);
            }
            for slot in queued {
                let mut slot = lock(&slot);
                if let Some(call) = slot.call.take() {
                    slot.answer = Some(answer(call));
                }
                if let Some(waker) = slot.waker.take() {
                    waker.wake();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_answered_in_order_and_the_execution_completes() {
        let exchange = Exchange::default();
        let execution = async {
            let first = exchange.ask(RootCall::Customer).await;
            let second = exchange.ask(RootCall::RevokeCustomerToken).await;
            (first, second)
        };
        let mut seen = Vec::new();
        let output = exchange.drive(execution, |call| {
            seen.push(format!("{call:?}"));
            Ok(Value::from(seen.len() as i32))
        });
        assert_eq!(seen, ["Customer", "RevokeCustomerToken"]);
        assert_eq!(output, Ok((Ok(Value::from(1)), Ok(Value::from(2)))));
    }

    #[test]
    fn waiting_on_anything_else_is_reported() {
        let exchange = Exchange::default();
        let never = std::future::pending::<()>();
        assert_eq!(exchange.drive(never, |_| Ok(Value::Null)), Err(Stalled));
    }
}
