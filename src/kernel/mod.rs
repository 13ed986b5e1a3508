//! The planning kernel (`regie planifier`): a MIP solved by HiGHS through good_lp.
