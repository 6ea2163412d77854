//! Export to schema.org ClaimReview JSON-LD, so that other fact-checking tools can read a dataset.
//!
//! ClaimReview has no notion of an account's stance, so each claim's accounts become its
//! appearances (`Quotation`s with their speaker and publication) and the stance is stated in each
//! appearance's `description`; the review's rating names the balance of accounts rather than a
//! verdict, because crosscheck reports who says what and does not rule.

use crosscheck_engine::view::summary;
use crosscheck_format::model::{Dataset, Stance};
use serde_json::{json, Value};

pub fn export(ds: &Dataset) -> Value {
    let reviews: Vec<Value> = ds
        .claims
        .iter()
        .map(|c| {
            let s = summary(c);
            let appearances: Vec<Value> = c
                .accounts
                .iter()
                .filter_map(|a| {
                    let src = ds.source(a.source)?;
                    let mut work = json!({"@type": "CreativeWork", "name": src.title});
                    if !src.outlet.is_empty() {
                        work["publisher"] = json!({"@type": "Organization", "name": src.outlet});
                    }
                    if !src.author.is_empty() {
                        work["author"] = json!({"@type": "Person", "name": src.author});
                    }
                    if !src.date.is_empty() {
                        work["datePublished"] = json!(src.date);
                    }
                    if !src.url.is_empty() {
                        work["url"] = json!(src.url);
                    }
                    let stance = match a.stance {
                        Stance::Corroborates => "corroborates the claim",
                        Stance::Conflicts => "conflicts with the claim",
                        Stance::Context => "gives context to the claim",
                    };
                    let mut via = a.via.join(" → ");
                    if !via.is_empty() {
                        via = format!("; reported via {via}");
                    }
                    Some(json!({
                        "@type": "Quotation",
                        "text": a.quote,
                        "spokenByCharacter": {"@type": "Person", "name": a.speaker, "jobTitle": a.role},
                        "isPartOf": work,
                        "description": format!("{} {stance}{via}", a.speaker),
                    }))
                })
                .collect();
            let balance = format!(
                "{} corroborating account(s) from {} origin(s); {} conflicting account(s) from {} origin(s)",
                s.corroborates, s.corroborating_origins, s.conflicts, s.conflicting_origins
            );
            json!({
                "@type": "ClaimReview",
                "identifier": c.id,
                "claimReviewed": c.text,
                "temporalCoverage": c.dates,
                "itemReviewed": {"@type": "Claim", "appearance": appearances},
                "reviewRating": {"@type": "Rating", "alternateName": balance},
                "author": {"@type": "Organization", "name": format!("crosscheck dataset “{}”", ds.title)},
            })
        })
        .collect();
    json!({"@context": "https://schema.org", "@graph": reviews})
}
