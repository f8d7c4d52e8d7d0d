variable "token" {
  type      = string
  default   = "s3cr3t-t0ken"
  sensitive = true
  validation {
    condition     = var.token == "expected"
    error_message = "The token is not the expected one."
  }
}
