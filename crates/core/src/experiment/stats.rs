//! The statistics the experiments need: Student's t quantiles (statrs), the power of a two-sided t test
//! (the noncentral t, by quadrature), and ordinary least squares with three regressors.

use statrs::distribution::{ContinuousCDF, StudentsT};
use statrs::function::erf::erfc;
use statrs::function::gamma::ln_gamma;

/// The standard normal distribution function Φ.
pub(crate) fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// The `p` quantile of Student's t with `df` degrees of freedom.
pub(crate) fn t_quantile(p: f64, df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df)
        .map(|t| t.inverse_cdf(p))
        .unwrap_or(f64::NAN)
}

/// Intervals of the quadrature in [`power_t`].
const POWER_STEPS: usize = 2000;

/// The power of a two-sided t test at level `alpha` with `df` degrees of freedom when the true effect is
/// `ncp` standard errors: P(|T| > t₁₋α/₂) for T noncentral t(df, ncp).
///
/// T = (Z + ncp) / S with S = √(χ²_df / df), so the power is ∫ [Φ(ncp − c s) + Φ(−ncp − c s)] f_S(s) ds,
/// f_S(s) = 2 (df/2)^(df/2) / Γ(df/2) · s^(df−1) e^(−df s²/2) (a smooth density, unlike χ²'s at 0 for
/// df = 1), by Simpson's rule over [0, 1 + 10/√df].
pub(crate) fn power_t(ncp: f64, df: f64, alpha: f64) -> f64 {
    if !(ncp.is_finite() && df > 0.0) {
        return f64::NAN;
    }
    let c = t_quantile(1.0 - alpha / 2.0, df);
    let half = df / 2.0;
    let log_norm = std::f64::consts::LN_2 + half * half.ln() - ln_gamma(half);
    let density = |s: f64| {
        if s <= 0.0 {
            return if df == 1.0 { log_norm.exp() } else { 0.0 };
        }
        (log_norm + (df - 1.0) * s.ln() - df * s * s / 2.0).exp()
    };
    let integrand = |s: f64| (normal_cdf(ncp - c * s) + normal_cdf(-ncp - c * s)) * density(s);
    let top = 1.0 + 10.0 / df.sqrt();
    let h = top / POWER_STEPS as f64;
    let mut sum = integrand(0.0) + integrand(top);
    for i in 1..POWER_STEPS {
        let w = if i % 2 == 1 { 4.0 } else { 2.0 };
        sum += w * integrand(i as f64 * h);
    }
    (sum * h / 3.0).clamp(0.0, 1.0)
}

/// A least-squares fit y = X β + e with three regressors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Ols {
    pub coef: [f64; 3],
    /// (XᵀX)⁻¹: times the residual variance, the coefficients' covariance.
    pub xtx_inv: [[f64; 3]; 3],
    /// The residual variance, RSS / (n − 3).
    pub sigma2: f64,
    pub df: usize,
}

/// Ordinary least squares of `y` on the rows of `x`; `None` with fewer than 4 rows or a singular design
/// (a regressor that is a combination of the others).
pub(crate) fn ols(x: &[[f64; 3]], y: &[f64]) -> Option<Ols> {
    let n = x.len();
    if n != y.len() || n < 4 {
        return None;
    }
    let mut xtx = [[0.0; 3]; 3];
    let mut xty = [0.0; 3];
    for (row, &yi) in x.iter().zip(y) {
        for i in 0..3 {
            xty[i] += row[i] * yi;
            for j in 0..3 {
                xtx[i][j] += row[i] * row[j];
            }
        }
    }
    let inv = invert3(&xtx)?;
    let mut coef = [0.0; 3];
    for (i, c) in coef.iter_mut().enumerate() {
        *c = (0..3).map(|j| inv[i][j] * xty[j]).sum();
    }
    let rss: f64 = x
        .iter()
        .zip(y)
        .map(|(row, &yi)| {
            let fit: f64 = (0..3).map(|j| row[j] * coef[j]).sum();
            (yi - fit).powi(2)
        })
        .sum();
    let df = n - 3;
    Some(Ols {
        coef,
        xtx_inv: inv,
        sigma2: rss / df as f64,
        df,
    })
}

/// The inverse of a symmetric positive semi-definite 3 × 3 matrix by its adjugate; `None` when it is
/// singular to working precision (the determinant under 1e-10 of the diagonal's product).
fn invert3(m: &[[f64; 3]; 3]) -> Option<[[f64; 3]; 3]> {
    let cof =
        |r0: usize, r1: usize, c0: usize, c1: usize| m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0];
    let adj = [
        [cof(1, 2, 1, 2), -cof(0, 2, 1, 2), cof(0, 1, 1, 2)],
        [-cof(1, 2, 0, 2), cof(0, 2, 0, 2), -cof(0, 1, 0, 2)],
        [cof(1, 2, 0, 1), -cof(0, 2, 0, 1), cof(0, 1, 0, 1)],
    ];
    let det = m[0][0] * adj[0][0] + m[0][1] * adj[1][0] + m[0][2] * adj[2][0];
    let scale = m[0][0] * m[1][1] * m[2][2];
    if !(det.is_finite() && scale > 0.0 && det > 1e-10 * scale) {
        return None;
    }
    let mut inv = [[0.0; 3]; 3];
    for i in 0..3 {
        for j in 0..3 {
            inv[i][j] = adj[i][j] / det;
        }
    }
    Some(inv)
}

/// The lag-1 autocorrelation of a series with gaps, Σ eₜ eₜ₊₁ over the pairs present ÷ Σ eₜ² (the usual
/// estimator, Box & Jenkins): `None` with fewer than 3 pairs or no variation.
pub(crate) fn lag1(residuals: &[Option<f64>]) -> Option<f64> {
    let present: Vec<f64> = residuals.iter().flatten().copied().collect();
    let n = present.len() as f64;
    if n < 2.0 {
        return None;
    }
    let mean = present.iter().sum::<f64>() / n;
    let ss: f64 = present.iter().map(|e| (e - mean).powi(2)).sum();
    let mut pairs = 0;
    let mut cross = 0.0;
    for w in residuals.windows(2) {
        if let (Some(a), Some(b)) = (w[0], w[1]) {
            pairs += 1;
            cross += (a - mean) * (b - mean);
        }
    }
    (pairs >= 3 && ss > 0.0).then(|| cross / ss)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_distr::{Distribution, StandardNormal};

    #[test]
    fn t_quantiles_match_the_tables() {
        // Two-sided 95 % critical values (e.g. Fisher & Yates; any t table).
        for (df, t) in [
            (1.0, 12.706),
            (3.0, 3.182),
            (5.0, 2.571),
            (10.0, 2.228),
            (30.0, 2.042),
        ] {
            assert!((t_quantile(0.975, df) - t).abs() < 1e-3, "df {df}");
        }
        assert!((normal_cdf(1.959_964) - 0.975).abs() < 1e-6);
    }

    #[test]
    fn power_tends_to_the_normal_and_matches_monte_carlo() {
        // Large df: the z test, Φ(δ − 1.96) + Φ(−δ − 1.96); δ = 2.8016 gives 80 %.
        assert!((power_t(2.8016, 1e5, 0.05) - 0.80).abs() < 2e-3);
        // No effect: the level.
        for df in [1.0, 3.0, 9.0] {
            assert!((power_t(0.0, df, 0.05) - 0.05).abs() < 1e-4, "df {df}");
        }
        // Against simulated noncentral t draws (20,000 each; 3 binomial SEs ≤ 0.011).
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for (df, ncp) in [(3usize, 3.0), (9, 2.5), (1, 4.0)] {
            let c = t_quantile(0.975, df as f64);
            let n = 20_000;
            let mut hits = 0;
            for _ in 0..n {
                let z: f64 = StandardNormal.sample(&mut rng);
                let chi2: f64 = (0..df)
                    .map(|_| {
                        let x: f64 = StandardNormal.sample(&mut rng);
                        x * x
                    })
                    .sum();
                let t = (z + ncp) / (chi2 / df as f64).sqrt();
                hits += usize::from(t.abs() > c);
            }
            let simulated = hits as f64 / n as f64;
            let se = (simulated * (1.0 - simulated) / n as f64).sqrt();
            let exact = power_t(ncp, df as f64, 0.05);
            assert!(
                (simulated - exact).abs() < 3.0 * se + 1e-3,
                "df {df} ncp {ncp}: {exact} vs simulated {simulated}"
            );
        }
    }

    #[test]
    fn least_squares_recovers_an_exact_fit_and_refuses_a_singular_one() {
        let x: Vec<[f64; 3]> = (0..6)
            .map(|i| [1.0, f64::from(i % 2), f64::from(i)])
            .collect();
        let y: Vec<f64> = x.iter().map(|r| 2.0 + 3.0 * r[1] - 0.5 * r[2]).collect();
        let fit = ols(&x, &y).unwrap();
        for (got, want) in fit.coef.iter().zip([2.0, 3.0, -0.5]) {
            assert!((got - want).abs() < 1e-9);
        }
        assert!(fit.sigma2 < 1e-20);
        assert_eq!(fit.df, 3);
        let singular: Vec<[f64; 3]> = (0..6).map(|i| [1.0, 1.0, f64::from(i)]).collect();
        assert!(ols(&singular, &y).is_none());
        assert!(ols(&x[..3], &y[..3]).is_none());
    }

    #[test]
    fn lag1_of_an_alternating_series_is_negative() {
        let alt: Vec<Option<f64>> = (0..8)
            .map(|i| Some(if i % 2 == 0 { 1.0 } else { -1.0 }))
            .collect();
        assert!((lag1(&alt).unwrap() + 7.0 / 8.0).abs() < 1e-12);
        assert_eq!(lag1(&[Some(1.0), None, Some(2.0)]), None);
    }
}
