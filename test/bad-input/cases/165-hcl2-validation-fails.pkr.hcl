variable "cpus" {
  type    = number
  default = 0
  validation {
    condition     = var.cpus >= 1
    error_message = "At least one CPU is needed."
  }
}
