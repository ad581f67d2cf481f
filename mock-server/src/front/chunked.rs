//! An incremental decoder of chunked request bodies (RFC 9112 §7.1), with the rules and limits
//! of hyper 1.x's decoder: hex sizes without overflow, optional spaces or tabs and extensions
//! after the size (at most 16 KiB of extensions per body), strict CRLFs, trailer fields that
//! parse as header fields (at most 100 and 16 KiB). The tests compare it with hyper itself.

/// Most bytes of chunk extensions in one body (hyper: `CHUNKED_EXTENSIONS_LIMIT`).
const EXTENSIONS_LIMIT: u64 = 16 * 1024;
/// Most bytes of trailer fields (hyper: the header size limit, here 16 KiB).
const TRAILERS_LIMIT: usize = 16 * 1024;
/// Most trailer fields (hyper: `DEFAULT_MAX_HEADERS`).
const MAX_TRAILERS: usize = 100;

/// Why a chunked body is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChunkedError {
    /// The decoded body grew over the limit.
    TooLarge,
    /// The framing is broken.
    Malformed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the first digit of a size.
    Start,
    Size,
    SizeLws,
    Extension,
    SizeLf,
    Data,
    DataCr,
    DataLf,
    /// Inside a trailer line.
    Trailer,
    TrailerLf,
    /// At the start of a line after the last chunk or a trailer: `\r` ends the body.
    EndCr,
    EndLf,
    Done,
}

/// Decodes one chunked body fed in pieces.
#[derive(Debug)]
pub(crate) struct ChunkedDecoder {
    state: State,
    size: u64,
    limit: usize,
    extensions: u64,
    trailers: Vec<u8>,
    trailer_count: usize,
}

impl ChunkedDecoder {
    /// A decoder that refuses a body over `limit` decoded bytes.
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            state: State::Start,
            size: 0,
            limit,
            extensions: 0,
            trailers: Vec::new(),
            trailer_count: 0,
        }
    }

    /// Whether the whole body (last chunk and trailers) has been read.
    pub(crate) fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Decodes `input`, appending the data to `body`. Returns how many bytes of `input` it
    /// consumed: all of them, or fewer when the body ended inside `input` (the rest belongs to
    /// the next request).
    pub(crate) fn feed(&mut self, input: &[u8], body: &mut Vec<u8>) -> Result<usize, ChunkedError> {
        let mut at = 0;
        while at < input.len() && self.state != State::Done {
            if self.state == State::Data {
                let want = usize::try_from(self.size).unwrap_or(usize::MAX);
                let take = want.min(input.len() - at);
                if body.len() + take > self.limit {
                    return Err(ChunkedError::TooLarge);
                }
                body.extend_from_slice(&input[at..at + take]);
                at += take;
                self.size -= take as u64;
                if self.size == 0 {
                    self.state = State::DataCr;
                }
                continue;
            }
            let byte = input[at];
            at += 1;
            self.state = self.step(byte)?;
        }
        Ok(at)
    }

    fn step(&mut self, byte: u8) -> Result<State, ChunkedError> {
        use ChunkedError::Malformed;
        Ok(match self.state {
            State::Start | State::Size => {
                if let Some(digit) = hex_digit(byte) {
                    self.size = self
                        .size
                        .checked_mul(16)
                        .and_then(|size| size.checked_add(digit))
                        .ok_or(Malformed)?;
                    State::Size
                } else if self.state == State::Start {
                    return Err(Malformed);
                } else {
                    match byte {
                        b'\t' | b' ' => State::SizeLws,
                        b';' => State::Extension,
                        b'\r' => State::SizeLf,
                        _ => return Err(Malformed),
                    }
                }
            }
            State::SizeLws => match byte {
                b'\t' | b' ' => State::SizeLws,
                b';' => State::Extension,
                b'\r' => State::SizeLf,
                _ => return Err(Malformed),
            },
            State::Extension => match byte {
                b'\r' => State::SizeLf,
                b'\n' => return Err(Malformed),
                _ => {
                    self.extensions += 1;
                    if self.extensions >= EXTENSIONS_LIMIT {
                        return Err(Malformed);
                    }
                    State::Extension
                }
            },
            State::SizeLf => match byte {
                b'\n' if self.size == 0 => State::EndCr,
                b'\n' => State::Data,
                _ => return Err(Malformed),
            },
            State::DataCr => match byte {
                b'\r' => State::DataLf,
                _ => return Err(Malformed),
            },
            State::DataLf => match byte {
                b'\n' => {
                    self.size = 0;
                    State::Start
                }
                _ => return Err(Malformed),
            },
            State::Trailer => {
                self.push_trailer(byte)?;
                if byte == b'\r' {
                    State::TrailerLf
                } else {
                    State::Trailer
                }
            }
            State::TrailerLf => match byte {
                b'\n' => {
                    if self.trailer_count >= MAX_TRAILERS {
                        return Err(Malformed);
                    }
                    self.trailer_count += 1;
                    self.push_trailer(byte)?;
                    State::EndCr
                }
                _ => return Err(Malformed),
            },
            State::EndCr => {
                if byte == b'\r' {
                    if !self.trailers.is_empty() {
                        self.push_trailer(byte)?;
                    }
                    State::EndLf
                } else {
                    self.push_trailer(byte)?;
                    State::Trailer
                }
            }
            State::EndLf => match byte {
                b'\n' => {
                    if !self.trailers.is_empty() {
                        self.push_trailer(byte)?;
                        let mut fields = [httparse::EMPTY_HEADER; MAX_TRAILERS];
                        match httparse::parse_headers(&self.trailers, &mut fields) {
                            Ok(httparse::Status::Complete(_)) => {}
                            _ => return Err(Malformed),
                        }
                    }
                    State::Done
                }
                _ => return Err(Malformed),
            },
            // `feed` consumes data itself and stops at the end
            State::Data | State::Done => self.state,
        })
    }

    fn push_trailer(&mut self, byte: u8) -> Result<(), ChunkedError> {
        if self.trailers.len() >= TRAILERS_LIMIT {
            return Err(ChunkedError::Malformed);
        }
        self.trailers.push(byte);
        Ok(())
    }
}

fn hex_digit(byte: u8) -> Option<u64> {
    match byte {
        b'0'..=b'9' => Some(u64::from(byte - b'0')),
        b'a'..=b'f' => Some(u64::from(byte - b'a' + 10)),
        b'A'..=b'F' => Some(u64::from(byte - b'A' + 10)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(input: &[u8], limit: usize) -> Result<(Vec<u8>, usize), ChunkedError> {
        let mut decoder = ChunkedDecoder::new(limit);
        let mut body = Vec::new();
        let used = decoder.feed(input, &mut body)?;
        if decoder.is_done() {
            Ok((body, used))
        } else {
            Err(ChunkedError::Malformed)
        }
    }

    #[test]
    fn decodes_in_any_split() {
        let input = b"5;ext=1\r\nhello\r\n6 \r\n world\r\n0\r\nX-T: 1\r\n\r\nGET";
        for split in 0..input.len() {
            let mut decoder = ChunkedDecoder::new(100);
            let mut body = Vec::new();
            let first = decoder.feed(&input[..split], &mut body).unwrap();
            let rest = if decoder.is_done() {
                &input[first..]
            } else {
                assert_eq!(first, split);
                let second = decoder.feed(&input[split..], &mut body).unwrap();
                &input[split + second..]
            };
            assert!(decoder.is_done(), "split {split}");
            assert_eq!(body, b"hello world");
            assert_eq!(rest, b"GET");
        }
    }

    #[test]
    fn refuses_what_hyper_refuses() {
        for bad in [
            &b"zz\r\nab\r\n0\r\n\r\n"[..],
            b"-1\r\nab\r\n0\r\n\r\n",
            b"fffffffffffffffffffff\r\nab\r\n0\r\n\r\n",
            b"2\r\nabcdef\r\n0\r\n\r\n",
            b"\r\n",
            b"2\nab\r\n0\r\n\r\n",
            b"2;a\nb\r\nab\r\n0\r\n\r\n",
            b"0\r\nbad trailer\r\n\r\n",
        ] {
            assert_eq!(
                decode(bad, 100),
                Err(ChunkedError::Malformed),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        assert_eq!(
            decode(b"8\r\n12345678\r\n0\r\n\r\n", 7),
            Err(ChunkedError::TooLarge)
        );
    }
}
