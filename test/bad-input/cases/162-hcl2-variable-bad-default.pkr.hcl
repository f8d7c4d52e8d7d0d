variable "disk_size" {
  type    = number
  default = "big"
}
