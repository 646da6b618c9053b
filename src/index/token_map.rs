//! Token filters that rewrite a token's text word by word (the letter
//! fold and the Kazakh stemmer), keeping its offsets and position.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// A rewrite of a token's text, word by word: the one thing `analysis::Fold` and
/// the Kazakh stemmer do. The token's offsets and position stay.
pub trait TokenMap: Clone + Send + Sync + 'static {
    /// Write the new text of `text` into the empty `out`; false keeps
    /// `text` as it is.
    fn map(&self, text: &str, out: &mut String) -> bool;
}

/// The tokenizer of a [`TokenMap`] filter over `T`.
#[derive(Clone)]
pub struct MapTokenizer<T, M> {
    pub(super) inner: T,
    pub(super) map: M,
}

impl<T: Tokenizer, M: TokenMap> Tokenizer for MapTokenizer<T, M> {
    type TokenStream<'a> = MapStream<'a, T::TokenStream<'a>, M>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MapStream {
            tail: self.inner.token_stream(text),
            map: &self.map,
            buffer: String::new(),
        }
    }
}

/// The token stream of a [`TokenMap`] filter.
pub struct MapStream<'a, S, M> {
    tail: S,
    map: &'a M,
    buffer: String,
}

impl<S: TokenStream, M: TokenMap> TokenStream for MapStream<'_, S, M> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        self.buffer.clear();
        if self.map.map(&token.text, &mut self.buffer) {
            std::mem::swap(&mut token.text, &mut self.buffer);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
